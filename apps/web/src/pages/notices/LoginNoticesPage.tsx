import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { noticesQuery } from '../../api/notices';
import { HomePage } from '../HomePage';
import { NoticePanel } from './NoticePanel';

/**
 * Where a fresh login lands (SPEC §6): the 通知 that hold for this user above the home page; 確定
 * returns to the home page. With nothing to show, straight on to the home page. (A login after an
 * expired session goes back to where the user was instead: the login page decides.)
 */
export function LoginNoticesPage() {
  const navigate = useNavigate();
  const notices = useQuery({ ...noticesQuery, staleTime: 0 });
  const pending = notices.data?.notices ?? [];
  const nothing = notices.isError || (notices.isSuccess && pending.length === 0);

  useEffect(() => {
    if (nothing) void navigate({ to: '/', replace: true });
  }, [nothing, navigate]);

  return (
    <>
      {pending.length > 0 ? (
        <NoticePanel notices={pending} onDone={() => void navigate({ to: '/', replace: true })} />
      ) : null}
      <HomePage />
    </>
  );
}
