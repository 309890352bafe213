import { useNavigate } from 'react-router';
import { Button, Card, Flex, Typography } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import { useT } from '../app/locale';

/** Shown in place of a page the signed-in person may not open. */
export function ForbiddenNotice() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Card data-testid="forbidden">
      <Flex vertical align="center" gap={8} style={{ padding: '32px 0' }}>
        <StopOutlined style={{ fontSize: 40, color: '#cf1322' }} />
        <Typography.Title level={4}>{t('forbidden.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('forbidden.text')}</Typography.Text>
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('common.backHome')}
        </Button>
      </Flex>
    </Card>
  );
}
