/**
 * A fixed retrieval evaluation set: questions phrased the way a caller would
 * ask, not copied from the text, each with the knowledge file that answers it.
 */
export interface EvalQuestion {
  readonly agentId: 'technician' | 'support';
  readonly question: string;
  readonly expectedSource: string;
}

const technician = (question: string, expectedSource: string): EvalQuestion => ({
  agentId: 'technician',
  question,
  expectedSource,
});
const support = (question: string, expectedSource: string): EvalQuestion => ({
  agentId: 'support',
  question,
  expectedSource,
});

export const EVAL_QUESTIONS: readonly EvalQuestion[] = [
  technician('the pump makes a noise like gravel going through it', 'pmp-200-pump.md'),
  technician('water is dripping from the pump shaft seal', 'pmp-200-pump.md'),
  technician('how do I prime the PMP-200 before starting', 'pmp-200-pump.md'),
  technician('what is the maximum discharge pressure for the pump', 'pmp-200-pump.md'),
  technician('compressor shows error E07', 'cmp-310-compressor.md'),
  technician('there is oil coming out with the air from the compressor', 'cmp-310-compressor.md'),
  technician('how often should I replace the separator element', 'cmp-310-compressor.md'),
  technician('the air compressor cannot build up to its set pressure', 'cmp-310-compressor.md'),
  technician('the control valve keeps oscillating and will not settle', 'vlv-120-valve.md'),
  technician('how do I calibrate the valve positioner', 'vlv-120-valve.md'),
  technician('what air supply pressure does the valve actuator need', 'vlv-120-valve.md'),
  technician('the electric motor is humming but the shaft will not rotate', 'mtr-450-motor.md'),
  technician('what insulation resistance should the motor windings have', 'mtr-450-motor.md'),
  technician('the thermistor relay on the 45 kW motor keeps tripping', 'mtr-450-motor.md'),
  technician('the heat exchanger is not heating as well as it used to', 'hx-220-heat-exchanger.md'),
  technician('how tight should the tie bolts on the plate pack be', 'hx-220-heat-exchanger.md'),
  technician('the two liquids are mixing inside the exchanger', 'hx-220-heat-exchanger.md'),
  technician(
    'the pillow block is running hot right after I mounted it',
    'brg-7-bearing-assembly.md',
  ),
  technician('how much grease goes into the BRG-7 and how often', 'brg-7-bearing-assembly.md'),
  technician('gearbox oil temperature is too high', 'gbx-90-gearbox.md'),
  technician('which oil grade goes in the reducer', 'gbx-90-gearbox.md'),
  technician('the gearbox is whining louder as it speeds up', 'gbx-90-gearbox.md'),
  support('when do I have to pay my invoice', 'billing.md'),
  support('can I pay with a credit card', 'billing.md'),
  support('why was my first invoice so expensive', 'billing.md'),
  support('I want my money back after cancelling last week', 'refunds.md'),
  support('you took the payment two times this month', 'refunds.md'),
  support('how many days until the refund shows up on my card', 'refunds.md'),
  support('where is my router parcel, how do I follow it', 'orders-and-shipping.md'),
  support('the box came broken, what do I do', 'orders-and-shipping.md'),
  support(
    'I need someone to come and fix my connection, how do I schedule that',
    'technician-visits.md',
  ),
  support('does the engineer visit cost anything', 'technician-visits.md'),
  support('I need to move my appointment to another day', 'technician-visits.md'),
  support('is the network down in my neighbourhood', 'outages.md'),
  support('the LOS light on my router is red', 'outages.md'),
  support('my wifi is really slow in the evenings', 'outages.md'),
  support('I forgot my login password', 'account.md'),
  support('how do I end my contract with you', 'account.md'),
  support('I am moving house, can I take my fibre with me', 'account.md'),
  support('can my wife also manage the account', 'account.md'),
];
