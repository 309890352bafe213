import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api } from '../../app/api';
import { useT } from '../../app/locale';
import { todayInShanghai } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/useIsMobile';
import { usePageTitle } from '../../components/usePageTitle';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}
interface Figures {
  departmentId: number | null;
  departmentName?: string | null;
  submitted: number;
  acceptance: Ratio;
  onTimeSigning: Ratio;
  onTimeReply: Ratio;
  satisfaction: Ratio;
  solved: Ratio;
  redo: Ratio;
  bounce: Ratio;
  replied: number;
  avgHandlingDays: number | null;
}
interface FiguresResponse {
  month: string;
  departments: Figures[];
  total: Figures;
}

const RATES = [
  'acceptance',
  'onTimeSigning',
  'onTimeReply',
  'satisfaction',
  'solved',
  'redo',
  'bounce',
] as const;
type Rate = (typeof RATES)[number];

const percent = (r: Ratio) => (r.rate === null ? null : `${Math.round(r.rate * 1000) / 10}%`);

/** 办理统计: the rates per department for a month, charts, a table and the .xlsx export. */
export default function FiguresPage() {
  const t = useT();
  const mobile = useIsMobile();
  usePageTitle('menu.opinionFigures');
  const [month, setMonth] = useState(() => todayInShanghai().slice(0, 7));
  const [year, mm] = month.split('-');
  const params = { year, month: String(Number(mm)) };
  const figures = useQuery({
    queryKey: ['opinions', 'figures', month],
    queryFn: () => api.get<FiguresResponse>('/api/opinions/figures', params),
  });
  const data = figures.data;
  const noDepartment = t('opinions.figures.noDepartment');
  const label = useCallback(
    (d: Figures) => d.departmentName ?? (d.departmentId === null ? noDepartment : ''),
    [noDepartment],
  );
  const rows: Array<Figures & { key: string }> = data
    ? [
        ...data.departments.map((d) => ({ ...d, key: String(d.departmentId ?? 'none') })),
        { ...data.total, departmentName: t('opinions.figures.total'), key: 'total' },
      ]
    : [];

  const cell = (r: Ratio) => {
    const p = percent(r);
    return p === null ? (
      t('opinions.figures.none')
    ) : (
      <span title={`${r.numerator} / ${r.denominator}`}>{p}</span>
    );
  };
  const columns: ColumnsType<Figures & { key: string }> = [
    {
      title: t('opinions.figures.department'),
      key: 'department',
      fixed: 'left',
      width: 110,
      render: (_, d) => label(d),
    },
    { title: t('opinions.figures.submitted'), dataIndex: 'submitted', width: 80 },
    ...RATES.map((r: Rate) => ({
      title: t(`opinions.figures.${r}`),
      key: r,
      width: 90,
      render: (_: unknown, d: Figures) => cell(d[r]),
    })),
    {
      title: t('opinions.figures.avgHandlingDays'),
      key: 'avg',
      width: 110,
      render: (_, d) => d.avgHandlingDays ?? t('opinions.figures.none'),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('opinions.figures.title')}
        extra={
          <>
            <DatePicker
              picker="month"
              allowClear={false}
              aria-label={t('opinions.figures.month')}
              data-testid="figures-month"
              value={dayjs(`${month}-01`)}
              onChange={(v) => v && setMonth(v.format('YYYY-MM'))}
            />
            <Button
              data-testid="figures-export"
              href={`/api/opinions/figures.xlsx?year=${year}&month=${Number(mm)}`}
              download
            >
              {t('opinions.figures.export')}
            </Button>
          </>
        }
      />
      <ErrorAlert error={figures.error} onRetry={() => void figures.refetch()} />
      {data && data.departments.length === 0 ? (
        <Typography.Paragraph data-testid="figures-empty">
          {t('opinions.figures.empty')}
        </Typography.Paragraph>
      ) : null}
      {data && data.departments.length > 0 ? (
        <Flex vertical gap={16}>
          <Card title={t('opinions.figures.rates')} size="small">
            <RatesChart departments={data.departments} label={label} mobile={mobile} />
          </Card>
          <Table<Figures & { key: string }>
            data-testid="figures-table"
            size="small"
            rowKey="key"
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 900 }}
            loading={figures.isLoading}
          />
          <Typography.Paragraph type="secondary">
            {t('opinions.figures.definitions')}
          </Typography.Paragraph>
        </Flex>
      ) : null}
    </>
  );
}

/** A grouped bar chart of the rates (in %) per department; horizontal bars on a phone. */
function RatesChart({
  departments,
  label,
  mobile,
}: {
  departments: Figures[];
  label: (d: Figures) => string;
  mobile: boolean;
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const names = departments.map(label);
    const series = (['acceptance', 'onTimeReply', 'satisfaction', 'solved'] as const).map((r) => ({
      name: t(`opinions.figures.${r}`),
      type: 'bar' as const,
      data: departments.map((d) => (d[r].rate === null ? null : Math.round(d[r].rate * 1000) / 10)),
    }));
    const category = { type: 'category' as const, data: names };
    const value = { type: 'value' as const, max: 100, axisLabel: { formatter: '{value}%' } };
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
      xAxis: mobile ? value : category,
      yAxis: mobile ? category : value,
      series,
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [departments, label, mobile, t]);
  const height = mobile ? Math.max(240, 80 + departments.length * 70) : 320;
  return <div ref={ref} data-testid="figures-chart" style={{ width: '100%', height }} />;
}
