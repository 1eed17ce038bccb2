/** Sample orders for the support desk's store, seeded once into an empty database. */
export interface SeedOrder {
  readonly orderId: string;
  readonly customer: string;
  /** The application's id for the owner: a caller whose signed claims carry it owns the order. */
  readonly customerId: string;
  /** The second factor an anonymous caller can give (five digits, easy to say). */
  readonly postcode: string;
  readonly product: string;
  readonly status: 'processing' | 'shipped' | 'delivered' | 'delayed' | 'cancelled';
  /** What the customer needs to hear next, in one short sentence. */
  readonly update: string;
  readonly eta: string;
  readonly totalCents: number;
  /** Empty when a refund is allowed; otherwise why not. */
  readonly refundBlock: string;
}

export const SEED_ORDERS: readonly SeedOrder[] = [
  {
    orderId: '4571',
    customerId: 'C-1001',
    postcode: '28013',
    customer: 'Dana Ruiz',
    product: 'Fibre router X2',
    status: 'delayed',
    update: 'It is held at the regional depot because of a missed delivery slot.',
    eta: 'Thursday',
    totalCents: 8900,
    refundBlock: '',
  },
  {
    orderId: '1234',
    customerId: 'C-1002',
    postcode: '08001',
    customer: 'Sam Okafor',
    product: 'Mesh Wi-Fi kit',
    status: 'shipped',
    update: 'It left our warehouse yesterday and the courier has it.',
    eta: 'tomorrow',
    totalCents: 15900,
    refundBlock: '',
  },
  {
    orderId: '2048',
    customerId: 'C-1003',
    postcode: '46002',
    customer: 'Lee Chen',
    product: 'SIM card starter pack',
    status: 'delivered',
    update: 'It was delivered on Monday and signed for at reception.',
    eta: 'already delivered',
    totalCents: 1000,
    refundBlock: '',
  },
  {
    orderId: '3300',
    customerId: 'C-1004',
    postcode: '41001',
    customer: 'Ana Costa',
    product: 'TV set-top box',
    status: 'processing',
    update: 'It is being packed and will ship today.',
    eta: 'Friday',
    totalCents: 12900,
    refundBlock: '',
  },
  {
    orderId: '5150',
    customerId: 'C-1005',
    postcode: '50003',
    customer: 'Priya Nair',
    product: 'Fibre installation',
    status: 'delivered',
    update: 'The installation was completed two months ago.',
    eta: 'already delivered',
    totalCents: 4900,
    refundBlock: 'The 30-day refund window for this order ended last month.',
  },
  {
    orderId: '6021',
    customerId: 'C-1006',
    postcode: '29005',
    customer: 'Tom Weller',
    product: 'Phone case',
    status: 'cancelled',
    update: 'It was cancelled before it shipped.',
    eta: 'not applicable',
    totalCents: 1900,
    refundBlock: 'This order was cancelled and never charged.',
  },
  {
    orderId: '7788',
    customerId: 'C-1007',
    postcode: '48001',
    customer: 'Maya Lind',
    product: 'Smartphone Z5',
    status: 'shipped',
    update: 'It is out for delivery today.',
    eta: 'today before six',
    totalCents: 69900,
    refundBlock: '',
  },
  {
    orderId: '8800',
    customerId: 'C-1008',
    postcode: '15002',
    customer: 'Omar Haddad',
    product: 'Landline adapter',
    status: 'delayed',
    update: 'The supplier is out of stock; new units arrive next week.',
    eta: 'next Wednesday',
    totalCents: 2900,
    refundBlock: '',
  },
  {
    orderId: '9012',
    customerId: 'C-1009',
    postcode: '03001',
    customer: 'Eva Novak',
    product: 'Prepaid top-up card',
    status: 'delivered',
    update: 'The top-up was applied to your line straight away.',
    eta: 'already delivered',
    totalCents: 2000,
    refundBlock: 'Prepaid top-ups cannot be refunded once applied.',
  },
  {
    orderId: '4455',
    customerId: 'C-1010',
    postcode: '33007',
    customer: 'Jon Berg',
    product: 'Fibre router X2',
    status: 'processing',
    update: 'Payment is confirmed and it is waiting for a courier.',
    eta: 'Monday',
    totalCents: 8900,
    refundBlock: '',
  },
];
