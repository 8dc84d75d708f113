import { useSuspenseQuery } from '@tanstack/react-query';
import { sessionQuery, type Me } from '../api/session';

/** The logged-in user inside the app layout (the route guard has already loaded the session). */
export function useMe(): Me {
  const { data } = useSuspenseQuery(sessionQuery);
  if (data === null) throw new Error('useMe outside a logged-in page');
  return data;
}
