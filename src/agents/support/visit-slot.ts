const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The next free technician visit: the next working day, morning window. */
export function nextVisitSlot(now: Date): { day: string; window: string } {
  const day = new Date(now);
  do day.setDate(day.getDate() + 1);
  while (day.getDay() === 0 || day.getDay() === 6);
  return { day: DAYS[day.getDay()] ?? 'Monday', window: 'between 9 am and 1 pm' };
}
