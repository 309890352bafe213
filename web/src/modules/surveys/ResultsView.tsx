import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Empty,
  Flex,
  List,
  Progress,
  Select,
  Statistic,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api } from '../../app/api';
import { useT } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/useIsMobile';
import { usePageTitle } from '../../components/usePageTitle';
import { percent } from './logic';
import type { CrossTab, ResultQuestion, SurveyResults, SurveyView } from './types';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Questions a cross tab can be made of (answers that fall in columns). */
const CROSS_TYPES = ['single', 'multiple', 'scale', 'nps'];

/**
 * 问卷结果: the response rate overall and by department, a chart per question, the NPS, free
 * text (hidden under the comment threshold), a cross tab by department or role under the k rule,
 * and the .xlsx export. Loaded on demand (ECharts through echarts/core only).
 */
export default function ResultsView({ surveyId, backTo }: { surveyId: number; backTo: string }) {
  const t = useT();
  usePageTitle('surveys.web.results.title');
  const [by, setBy] = useState<'department' | 'role'>('department');
  const [questionId, setQuestionId] = useState<string | undefined>(undefined);
  const results = useQuery({
    queryKey: ['surveys', 'results', surveyId, by, questionId ?? ''],
    queryFn: () => api.get<SurveyResults>(`/api/surveys/${surveyId}/results`, { by, questionId }),
    placeholderData: keepPreviousData,
  });
  // The title, when the viewer may read the survey (a leader outside its audience may not).
  const survey = useQuery({
    queryKey: ['surveys', 'one', surveyId],
    queryFn: () => api.get<{ survey: SurveyView }>(`/api/surveys/${surveyId}`),
    retry: false,
  });
  const data = results.data;
  const crossable = (data?.questions ?? []).filter((q) => CROSS_TYPES.includes(q.type));

  return (
    <>
      <PageHeader
        title={
          survey.data
            ? t('surveys.web.results.titleOf', { title: survey.data.survey.title })
            : t('surveys.web.results.title')
        }
        extra={
          <>
            <Button
              href={`/api/surveys/${surveyId}/results.xlsx`}
              download
              data-testid="results-export"
            >
              {t('surveys.web.results.export')}
            </Button>
            <Link to={backTo}>
              <Button>{t('surveys.web.results.back')}</Button>
            </Link>
          </>
        }
      />
      <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />
      {data ? (
        <Flex vertical gap={16} data-testid="survey-results">
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('surveys.web.results.kNote', { k: data.k, commentK: data.commentK })}
          </Typography.Paragraph>
          <RateCard results={data} />
          {data.questions.map((q, i) => (
            <QuestionCard key={q.id} number={i + 1} question={q} commentK={data.commentK} />
          ))}
          <Card
            size="small"
            title={t('surveys.web.results.crossTab')}
            data-testid="results-crosstab"
          >
            <Flex wrap gap={8} style={{ marginBottom: 12 }}>
              <Select<'department' | 'role'>
                value={by}
                style={{ minWidth: 120 }}
                aria-label={t('surveys.web.results.crossBy')}
                data-testid="crosstab-by"
                options={[
                  { value: 'department', label: t('surveys.web.results.byDepartment') },
                  { value: 'role', label: t('surveys.web.results.byRole') },
                ]}
                onChange={setBy}
              />
              <Select<string>
                value={questionId ?? data.crossTab?.questionId}
                style={{ flex: '1 1 200px', minWidth: 0 }}
                placeholder={t('surveys.web.results.crossQuestion')}
                aria-label={t('surveys.web.results.crossQuestion')}
                data-testid="crosstab-question"
                options={crossable.map((q) => ({
                  value: q.id,
                  label: `${data.questions.indexOf(q) + 1}. ${q.title}`,
                }))}
                onChange={setQuestionId}
              />
            </Flex>
            {data.crossTab ? (
              <CrossTabTable crossTab={data.crossTab} k={data.k} />
            ) : (
              <Typography.Text type="secondary">
                {t('surveys.web.results.pickQuestion')}
              </Typography.Text>
            )}
          </Card>
        </Flex>
      ) : null}
    </>
  );
}

/** "—" with the k rule explained on hover (or a tap). */
export function Suppressed({ k }: { k: number }) {
  const t = useT();
  return (
    <Tooltip title={t('surveys.web.results.suppressed', { k })}>
      <span data-testid="suppressed-cell" tabIndex={0} style={{ cursor: 'help' }}>
        —
      </span>
    </Tooltip>
  );
}

function RateCard({ results }: { results: SurveyResults }) {
  const t = useT();
  const mobile = useIsMobile();
  const { rate } = results;
  const departments = rate.byDepartment;
  return (
    <Card size="small" title={t('surveys.web.results.rate')} data-testid="results-rate">
      <Flex wrap gap={24} align="center">
        <Progress type="circle" size={88} percent={Math.round(rate.rate * 1000) / 10} />
        <Statistic
          title={t('surveys.web.results.answered')}
          value={rate.answered}
          suffix={`/ ${rate.invited}`}
          data-testid="results-answered"
        />
      </Flex>
      {departments.length ? (
        <>
          <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>
            {t('surveys.web.results.byDepartmentRate')}
          </Typography.Text>
          {departments.some((d) => d.rate !== null) ? (
            <BarChartBox
              testId="results-rate-chart"
              height={Math.max(160, 40 + departments.length * 32)}
              option={{
                tooltip: { trigger: 'axis' },
                grid: {
                  left: 8,
                  right: 24,
                  top: 8,
                  bottom: 8,
                  outerBoundsMode: 'same',
                  outerBoundsContain: 'axisLabel',
                },
                xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
                yAxis: { type: 'category', inverse: true, data: departments.map((d) => d.name) },
                series: [
                  {
                    type: 'bar',
                    name: t('surveys.web.results.rate'),
                    data: departments.map((d) =>
                      d.rate === null ? null : Math.round(d.rate * 1000) / 10,
                    ),
                  },
                ],
              }}
            />
          ) : null}
          <Table
            size="small"
            rowKey="departmentId"
            pagination={false}
            data-testid="results-rate-table"
            dataSource={departments}
            scroll={mobile ? { x: 320 } : undefined}
            columns={[
              { title: t('surveys.web.results.group'), dataIndex: 'name' },
              { title: t('surveys.web.results.invited'), dataIndex: 'invited', width: 70 },
              {
                title: t('surveys.web.results.answered'),
                key: 'answered',
                width: 70,
                render: (_, d) =>
                  d.suppressed || d.answered === null ? <Suppressed k={results.k} /> : d.answered,
              },
              {
                title: t('surveys.web.results.rate'),
                key: 'rate',
                width: 70,
                render: (_, d) =>
                  d.suppressed || d.rate === null ? <Suppressed k={results.k} /> : percent(d.rate),
              },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}

function QuestionCard({
  number,
  question: q,
  commentK,
}: {
  number: number;
  question: ResultQuestion;
  commentK: number;
}) {
  const t = useT();
  return (
    <Card
      size="small"
      data-testid={`results-q-${q.id}`}
      title={
        <Typography.Text style={{ whiteSpace: 'normal' }}>
          {number}. {q.title}
        </Typography.Text>
      }
      extra={
        <Typography.Text type="secondary">
          {t('surveys.web.results.answeredCount', { count: q.answered })}
        </Typography.Text>
      }
    >
      <QuestionChart question={q} commentK={commentK} />
    </Card>
  );
}

function QuestionChart({ question: q, commentK }: { question: ResultQuestion; commentK: number }) {
  const t = useT();
  if (q.texts) {
    if (!q.texts.shown) {
      return (
        <Typography.Text type="secondary" data-testid="results-texts-hidden">
          {t('surveys.web.results.textsHidden', { k: commentK })}
        </Typography.Text>
      );
    }
    return (
      <List<string>
        size="small"
        data-testid="results-texts"
        dataSource={q.texts.items}
        locale={{ emptyText: t('surveys.web.results.noAnswers') }}
        pagination={q.texts.items.length > 20 ? { pageSize: 20, size: 'small' } : false}
        renderItem={(text) => (
          <List.Item>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{text}</Typography.Text>
          </List.Item>
        )}
      />
    );
  }
  if (q.answered === 0) return <Empty description={t('surveys.web.results.noAnswers')} />;
  if (q.options) {
    const options = q.options;
    return (
      <BarChartBox
        testId={`results-chart-${q.id}`}
        height={Math.max(140, 30 + options.length * 34)}
        option={{
          tooltip: { trigger: 'axis' },
          grid: {
            left: 8,
            right: 56,
            top: 8,
            bottom: 8,
            outerBoundsMode: 'same',
            outerBoundsContain: 'axisLabel',
          },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: { type: 'category', inverse: true, data: options.map((o) => o.label) },
          series: [
            {
              type: 'bar',
              name: t('surveys.web.results.count'),
              data: options.map((o) => o.count),
              label: {
                show: true,
                position: 'right',
                formatter: (p: { dataIndex: number }) =>
                  `${options[p.dataIndex]!.count} (${percent(options[p.dataIndex]!.share)})`,
              },
            },
          ],
        }}
      />
    );
  }
  if (q.distribution) {
    return (
      <>
        <Flex wrap gap={24}>
          {q.average !== undefined ? (
            <Statistic title={t('surveys.web.results.average')} value={q.average} precision={2} />
          ) : null}
          {q.nps ? (
            <>
              <Statistic
                title={t('surveys.web.results.nps')}
                value={q.nps.score}
                precision={0}
                data-testid={`results-nps-${q.id}`}
              />
              <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
                {t('surveys.web.results.npsParts', {
                  promoters: q.nps.promoters,
                  passives: q.nps.passives,
                  detractors: q.nps.detractors,
                })}
              </Typography.Text>
            </>
          ) : null}
        </Flex>
        <BarChartBox
          testId={`results-chart-${q.id}`}
          height={200}
          option={{
            tooltip: { trigger: 'axis' },
            grid: {
              left: 8,
              right: 8,
              top: 16,
              bottom: 8,
              outerBoundsMode: 'same',
              outerBoundsContain: 'axisLabel',
            },
            xAxis: { type: 'category', data: q.distribution.map((d) => String(d.value)) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
              {
                type: 'bar',
                name: t('surveys.web.results.count'),
                data: q.distribution.map((d) => ({
                  value: d.count,
                  itemStyle: q.nps
                    ? { color: d.value >= 9 ? '#52c41a' : d.value >= 7 ? '#faad14' : '#ff4d4f' }
                    : undefined,
                })),
              },
            ],
          }}
        />
      </>
    );
  }
  if (q.matrix) {
    const { rows, columns, counts } = q.matrix;
    // Stacked horizontal bars: one bar per row, one colour per column (readable on a phone).
    return (
      <BarChartBox
        testId={`results-chart-${q.id}`}
        height={Math.max(180, 70 + rows.length * 36)}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0, type: 'scroll' },
          grid: {
            left: 8,
            right: 16,
            top: 36,
            bottom: 8,
            outerBoundsMode: 'same',
            outerBoundsContain: 'axisLabel',
          },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: { type: 'category', inverse: true, data: rows },
          series: columns.map((column, c) => ({
            type: 'bar',
            stack: 'rows',
            name: column,
            data: rows.map((_, r) => counts[r]?.[c] ?? 0),
          })),
        }}
      />
    );
  }
  if (q.ranking) {
    const ranking = [...q.ranking].sort((a, b) => a.averageRank - b.averageRank);
    return (
      <>
        <Typography.Text type="secondary">{t('surveys.web.results.rankNote')}</Typography.Text>
        <BarChartBox
          testId={`results-chart-${q.id}`}
          height={Math.max(140, 30 + ranking.length * 34)}
          option={{
            tooltip: { trigger: 'axis' },
            grid: {
              left: 8,
              right: 40,
              top: 8,
              bottom: 8,
              outerBoundsMode: 'same',
              outerBoundsContain: 'axisLabel',
            },
            xAxis: { type: 'value', min: 0 },
            yAxis: { type: 'category', inverse: true, data: ranking.map((r) => r.label) },
            series: [
              {
                type: 'bar',
                name: t('surveys.web.results.averageRank'),
                data: ranking.map((r) => Math.round(r.averageRank * 100) / 100),
                label: { show: true, position: 'right' },
              },
            ],
          }}
        />
      </>
    );
  }
  return null;
}

let drawable: boolean | null = null;
/** Whether this browser can draw on a canvas (jsdom cannot). */
function canDraw(): boolean {
  if (drawable === null) {
    try {
      drawable = !!document.createElement('canvas').getContext('2d');
    } catch {
      drawable = false;
    }
  }
  return drawable;
}

/** One ECharts bar chart; disposed with the component, resized with the window. */
function BarChartBox({
  option,
  height,
  testId,
}: {
  option: echarts.EChartsCoreOption;
  height: number;
  testId: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    // No canvas (a test DOM): the tables and numbers beside the charts still show.
    if (!ref.current || !canDraw()) return;
    chart.current = echarts.init(ref.current);
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={ref} data-testid={testId} style={{ width: '100%', height }} />;
}

function CrossTabTable({ crossTab, k }: { crossTab: CrossTab; k: number }) {
  const t = useT();
  type Row = CrossTab['rows'][number] & { key: number };
  const columns: ColumnsType<Row> = [
    { title: t('surveys.web.results.group'), dataIndex: 'group', fixed: 'left', width: 100 },
    {
      title: t('surveys.web.results.n'),
      key: 'n',
      width: 60,
      render: (_, r) => (r.suppressed || r.n === null ? <Suppressed k={k} /> : r.n),
    },
    ...crossTab.columns.map((label, c) => ({
      title: label,
      key: `c${c}`,
      width: 80,
      render: (_: unknown, r: Row) => {
        const v = r.counts[c];
        return r.suppressed || v === null || v === undefined ? <Suppressed k={k} /> : v;
      },
    })),
  ];
  return (
    <Table<Row>
      size="small"
      rowKey="key"
      pagination={false}
      data-testid="crosstab-table"
      scroll={{ x: 160 + crossTab.columns.length * 80 }}
      columns={columns}
      dataSource={crossTab.rows.map((r, i) => ({ ...r, key: i }))}
    />
  );
}
