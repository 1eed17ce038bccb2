import { defineTools } from '../../agent-files/setup.ts';
import { ToolError } from '../../spec/errors.ts';
import type { ToolDefinition } from '../../spec/tool.ts';
import { AppointmentBook, DAYS, TIMES, type Day } from './appointments.ts';

const DAY = {
  type: 'string',
  enum: [...DAYS],
  description: 'today, tomorrow or a weekday, in English.',
} as const;

export function clinicTools(book: AppointmentBook) {
  const findSlots: ToolDefinition<{ day: Day }> = {
    name: 'find_slots',
    description: 'Lists the free appointment times on a day.',
    parameters: {
      type: 'object',
      properties: { day: DAY },
      required: ['day'],
      additionalProperties: false,
    },
    execute: ({ day }) => Promise.resolve({ day, free_times: book.freeTimes(day) }),
  };

  const bookAppointment: ToolDefinition<{ day: Day; time: string; patient_name: string }> = {
    name: 'book_appointment',
    description:
      'Books a free time for the patient. Call only after the patient confirmed the day, time and name.',
    parameters: {
      type: 'object',
      properties: {
        day: DAY,
        time: { type: 'string', enum: [...TIMES], description: 'HH:MM, one of the free times.' },
        patient_name: { type: 'string', minLength: 1, maxLength: 80 },
      },
      required: ['day', 'time', 'patient_name'],
      additionalProperties: false,
    },
    sideEffects: true,
    execute({ day, time, patient_name }, context) {
      const result = book.book(day, time, patient_name, context.sessionId);
      if (!result) {
        return Promise.reject(
          new ToolError(
            `${day} ${time} is already booked; offer another free time.`,
            'book_appointment',
          ),
        );
      }
      const { booking, created } = result;
      return Promise.resolve({
        booking_id: booking.bookingId,
        day,
        time,
        patient_name,
        already_booked: !created,
      });
    },
  };

  return [findSlots, bookAppointment];
}

/** The agent file's tools, over a fresh in-memory appointment book for each load. */
export default defineTools(() => clinicTools(new AppointmentBook()));
