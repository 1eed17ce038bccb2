/** The clinic's opening slots and who booked them, kept in memory for this example. */
export const DAYS = [
  'today',
  'tomorrow',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;
export type Day = (typeof DAYS)[number];
export const TIMES = [
  '09:00',
  '09:30',
  '10:00',
  '10:30',
  '11:00',
  '16:00',
  '16:30',
  '17:00',
] as const;

export interface Booking {
  readonly bookingId: string;
  readonly day: Day;
  readonly time: string;
  readonly patientName: string;
  readonly sessionId: string;
}

export class AppointmentBook {
  readonly #bookings = new Map<string, Booking>();
  #counter = 0;

  freeTimes(day: Day): string[] {
    return TIMES.filter((time) => !this.#bookings.has(`${day} ${time}`));
  }

  /** Books a free slot; the same caller asking again for the same slot gets the same booking. */
  book(
    day: Day,
    time: string,
    patientName: string,
    sessionId: string,
  ): { booking: Booking; created: boolean } | undefined {
    const key = `${day} ${time}`;
    const existing = this.#bookings.get(key);
    if (existing)
      return existing.sessionId === sessionId ? { booking: existing, created: false } : undefined;
    this.#counter += 1;
    const booking = { bookingId: `AR-${100 + this.#counter}`, day, time, patientName, sessionId };
    this.#bookings.set(key, booking);
    return { booking, created: true };
  }
}
