import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { apiRequest } from '../api';
import { queryClient } from '../queryClient';

/** Sign out: end the session on the server, forget every cached answer, go to the login page. */
export function useLogout() {
  const navigate = useNavigate();
  return useCallback(async () => {
    try {
      await apiRequest('/api/auth/logout', { method: 'POST', noAuthRedirect: true });
    } catch {
      // Signed out already, or the server is unreachable: the page forgets the session anyway.
    }
    await navigate('/login', { replace: true });
    queryClient.clear();
  }, [navigate]);
}
