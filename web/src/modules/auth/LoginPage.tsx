import { useState, type FormEvent, type ReactNode } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Input, theme } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError, apiRequest, api } from '../../app/api';
import { safeNext } from '../../app/access';
import { useT } from '../../app/locale';
import { queryClient } from '../../app/queryClient';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { usePageTitle } from '../../components/usePageTitle';
import { ME_KEY } from './me';
import type { Me } from './types';

type Field = 'username' | 'password' | 'unit';

/** A labelled input with its error line (a native form: antd Form would double this page's size). */
function LoginField({
  id,
  label,
  help,
  error,
  children,
}: {
  id: string;
  label: string;
  help?: string;
  error?: string;
  children: ReactNode;
}) {
  const { token } = theme.useToken();
  return (
    <div style={{ marginBottom: 20 }}>
      <label htmlFor={id} style={{ display: 'block', marginBottom: 6 }}>
        {label}
      </label>
      {children}
      {error ? (
        <div id={`${id}-error`} role="alert" style={{ color: token.colorError, marginTop: 4 }}>
          {error}
        </div>
      ) : help ? (
        <div style={{ color: token.colorTextSecondary, marginTop: 4 }}>{help}</div>
      ) : null}
    </div>
  );
}

/** Sign in with a staff number (or an administrator's user name) and a password. */
export default function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const location = useLocation();
  const { token } = theme.useToken();
  const [values, setValues] = useState<Record<Field, string>>({
    username: '',
    password: '',
    unit: '',
  });
  const [missing, setMissing] = useState<Set<Field>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [needUnit, setNeedUnit] = useState(false);
  const setupDone = (location.state as { setupDone?: boolean } | null)?.setupDone === true;
  usePageTitle('login.title');

  const setup = useQuery({
    queryKey: ['setup', 'status'],
    queryFn: () => api.get<{ needed: boolean }>('/api/setup/status'),
    retry: false,
    staleTime: Infinity,
  });

  const change = (field: Field) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: e.target.value }));
    if (e.target.value) setMissing((m) => new Set([...m].filter((f) => f !== field)));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const required: Field[] = needUnit
      ? ['username', 'password', 'unit']
      : ['username', 'password'];
    const empty = required.filter((f) => !values[f].trim());
    setMissing(new Set(empty));
    if (empty.length) return;
    setSubmitting(true);
    setError(null);
    try {
      const { me } = await apiRequest<{ me: Me }>('/api/auth/login', {
        method: 'POST',
        body: {
          username: values.username.trim(),
          password: values.password,
          ...(needUnit ? { unit: values.unit.trim() } : {}),
        },
        noAuthRedirect: true,
      });
      // Nothing cached for a previous person survives a sign-in.
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, me);
      await navigate(me.mustChangePassword ? '/account/password' : safeNext(params.get('next')), {
        replace: true,
      });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNIT_REQUIRED') setNeedUnit(true);
      setValues((v) => ({ ...v, password: '' }));
      setError(err);
    } finally {
      setSubmitting(false);
    }
  }

  const fieldError = (f: Field) => (missing.has(f) ? t('common.required') : undefined);
  const status = (f: Field) => (missing.has(f) ? ('error' as const) : undefined);

  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', padding: '16px 12px' }}>
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 400 }}>
        <LanguageSwitch />
      </Flex>
      {/* Plain markup rather than Card and Typography: the login page stays a small download. */}
      <header style={{ textAlign: 'center', margin: '6vh 0 24px' }}>
        <h1 style={{ margin: '0 0 4px', fontSize: 30, fontWeight: 600, color: token.colorPrimary }}>
          {t('app.name')}
        </h1>
        <p style={{ margin: 0, color: token.colorTextSecondary }}>{t('app.tagline')}</p>
      </header>
      <section
        aria-labelledby="login-title"
        style={{
          width: '100%',
          maxWidth: 400,
          padding: 24,
          background: token.colorBgContainer,
          borderRadius: token.borderRadiusLG,
          boxShadow: token.boxShadowTertiary,
        }}
      >
        <h2 id="login-title" style={{ margin: '0 0 16px', fontSize: 18, fontWeight: 600 }}>
          {t('login.title')}
        </h2>
        {setupDone ? (
          <Alert
            type="success"
            showIcon
            title={t('login.setupDone')}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        {setup.data?.needed ? (
          <Alert type="info" showIcon title={t('login.setupNeeded')} style={{ marginBottom: 16 }} />
        ) : null}
        <ErrorAlert error={error} testId="login-error" />
        <form onSubmit={(e) => void submit(e)} noValidate>
          <LoginField
            id="login-username"
            label={t('login.username')}
            error={fieldError('username')}
          >
            <Input
              id="login-username"
              name="username"
              value={values.username}
              onChange={change('username')}
              status={status('username')}
              prefix={<UserOutlined />}
              placeholder={t('login.usernamePlaceholder')}
              autoComplete="username"
              autoFocus
              maxLength={64}
              aria-invalid={missing.has('username')}
              data-testid="login-username"
            />
          </LoginField>
          <LoginField
            id="login-password"
            label={t('login.password')}
            error={fieldError('password')}
          >
            <Input.Password
              id="login-password"
              name="password"
              value={values.password}
              onChange={change('password')}
              status={status('password')}
              prefix={<LockOutlined />}
              autoComplete="current-password"
              maxLength={256}
              aria-invalid={missing.has('password')}
              data-testid="login-password"
            />
          </LoginField>
          {needUnit ? (
            <LoginField
              id="login-unit"
              label={t('login.unit')}
              help={t('login.unitHelp')}
              error={fieldError('unit')}
            >
              <Input
                id="login-unit"
                name="unit"
                value={values.unit}
                onChange={change('unit')}
                status={status('unit')}
                maxLength={64}
                autoComplete="organization"
                data-testid="login-unit"
              />
            </LoginField>
          ) : null}
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={submitting}
            data-testid="login-submit"
          >
            {t('login.submit')}
          </Button>
        </form>
      </section>
    </Flex>
  );
}
