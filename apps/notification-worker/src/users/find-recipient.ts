import { AppError } from '@platform/service-kit';
import { type UsersRepository } from './users.repository';

export interface Recipient {
  email: string;
  /** How the mail greets them: first name, else username, else "there". */
  name: string;
}

export interface RecipientDeps {
  users: Pick<UsersRepository, 'find'>;
  /** RECIPIENT_WAIT_MS: how long a user missing from the projection may still arrive there. */
  recipientWaitMs: number;
  now?: () => number;
}

/**
 * The buyer of an event, from the projection. A deleted user gets no mail (`skip`). A user the
 * projection does not know yet (its group lags behind, on another topic) is waited for, retriably,
 * while the event is younger than RECIPIENT_WAIT_MS; after that the mail is skipped for good.
 */
export async function findRecipient(
  deps: RecipientDeps,
  event: { occurred_at: string },
  userId: string,
): Promise<Recipient | { skip: string }> {
  const user = await deps.users.find(userId);
  if (user?.status === 'deleted') return { skip: 'deleted user' };
  if (user) return { email: user.email, name: user.first_name || user.username || 'there' };
  const age = (deps.now ?? Date.now)() - Date.parse(event.occurred_at);
  if (age < deps.recipientWaitMs)
    throw new AppError({
      code: 'RECIPIENT_NOT_YET_KNOWN',
      status: 503,
      retriable: true,
      message: 'The recipient is not in the user projection yet',
    });
  return { skip: 'unknown recipient' };
}
