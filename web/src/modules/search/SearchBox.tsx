import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Button, Input, Tooltip } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useT } from '../../app/locale';
import { MAX_QUERY_CHARS } from './types';

/**
 * The one search box of the shell. On phones (`compact`) an icon that opens the search page;
 * otherwise a small input that goes to /search?q=…. Hidden on the search page itself, which has
 * its own box.
 */
export function SearchBox({ compact }: { compact?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [value, setValue] = useState('');
  if (pathname === '/search') return null;

  if (compact) {
    return (
      <Tooltip title={t('search.open')}>
        <Button
          type="text"
          icon={<SearchOutlined />}
          aria-label={t('search.open')}
          data-testid="search-open"
          onClick={() => void navigate('/search')}
        />
      </Tooltip>
    );
  }
  return (
    <form
      role="search"
      style={{ display: 'flex', alignItems: 'center' }}
      onSubmit={(e) => {
        e.preventDefault();
        const q = value.trim();
        void navigate(q ? `/search?q=${encodeURIComponent(q)}` : '/search');
        setValue('');
      }}
    >
      <Input
        size="small"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        maxLength={MAX_QUERY_CHARS}
        placeholder={t('search.button')}
        aria-label={t('search.button')}
        prefix={<SearchOutlined />}
        data-testid="header-search"
        style={{ width: 180 }}
      />
    </form>
  );
}
