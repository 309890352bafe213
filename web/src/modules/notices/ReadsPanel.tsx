import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Flex, Table, Typography } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useIsMobile } from '../../components/useIsMobile';
import { noticeKey, noticesApi, type ReadsResult } from './types';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type DepartmentRow = ReadsResult['departments'][number];

const percent = (read: number, inScope: number) =>
  inScope ? `${Math.round((read / inScope) * 1000) / 10}%` : '—';

/**
 * 知情 (office only, loaded on demand with ECharts): read / in scope per department as a chart
 * and a table, and who has read it.
 */
export default function ReadsPanel({ noticeId }: { noticeId: number }) {
  const t = useT();
  const mobile = useIsMobile();
  const reads = useQuery({
    queryKey: [...noticeKey(noticeId), 'reads'],
    queryFn: () => noticesApi.reads(noticeId),
  });
  const data = reads.data;
  return (
    <div data-testid="notice-reads">
      <ErrorAlert error={reads.error} onRetry={() => void reads.refetch()} />
      {data ? (
        <Flex vertical gap={12}>
          <Typography.Text data-testid="notice-reads-total">
            {t('notices.web.reads.total', {
              read: data.read,
              inScope: data.inScope,
              rate: percent(data.read, data.inScope),
            })}
          </Typography.Text>
          {data.departments.length ? (
            <ReadsChart departments={data.departments} mobile={mobile} />
          ) : null}
          <Table<DepartmentRow>
            size="small"
            rowKey="departmentId"
            pagination={false}
            dataSource={data.departments}
            scroll={{ x: 320 }}
            columns={[
              { title: t('notices.web.reads.department'), dataIndex: 'name' },
              { title: t('notices.web.reads.read'), dataIndex: 'read', width: 70 },
              { title: t('notices.web.reads.inScope'), dataIndex: 'inScope', width: 70 },
              {
                title: t('notices.web.reads.rate'),
                key: 'rate',
                width: 80,
                render: (_, d) => percent(d.read, d.inScope),
              },
            ]}
          />
          <Table
            size="small"
            rowKey={(r, i) => `${r.name}-${i ?? 0}`}
            dataSource={data.readers}
            pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
            scroll={{ x: 320 }}
            columns={[
              { title: t('notices.web.reads.reader'), dataIndex: 'name' },
              {
                title: t('notices.web.reads.department'),
                dataIndex: 'department',
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('notices.web.reads.readAt'),
                dataIndex: 'readAt',
                render: (v: string) => formatDateTime(v),
              },
            ]}
          />
        </Flex>
      ) : null}
    </div>
  );
}

function ReadsChart({ departments, mobile }: { departments: DepartmentRow[]; mobile: boolean }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const category = { type: 'category' as const, data: departments.map((d) => d.name) };
    const value = { type: 'value' as const, minInterval: 1 };
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: mobile ? value : category,
      yAxis: mobile ? category : value,
      series: [
        {
          name: t('notices.web.reads.read'),
          type: 'bar',
          data: departments.map((d) => d.read),
        },
        {
          name: t('notices.web.reads.unread'),
          type: 'bar',
          data: departments.map((d) => Math.max(0, d.inScope - d.read)),
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [departments, mobile, t]);
  const height = mobile ? Math.max(200, 60 + departments.length * 40) : 280;
  return <div ref={ref} data-testid="notice-reads-chart" style={{ width: '100%', height }} />;
}
