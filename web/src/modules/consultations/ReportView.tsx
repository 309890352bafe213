import { useEffect, useRef } from 'react';
import { Alert, Card, Flex, List, Space, Typography } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useT } from '../../app/locale';
import { formatDateTime } from '../../app/format';
import { useIsMobile } from '../../components/useIsMobile';
import { AnswerTag, CountsLine } from './parts';
import { reportChartOption, sectionName, type Report } from './types';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** 意见采纳情况: totals, a bar chart per section, and each comment with its answer (no names). */
export function ReportView({ report }: { report: Report }) {
  const t = useT();
  return (
    <Flex vertical gap={12} data-testid="report-view">
      {!report.published ? (
        <Alert type="warning" showIcon title={t('consultations.report.draft')} />
      ) : (
        <Typography.Text type="secondary">
          {t('consultations.report.publishedAt', { at: formatDateTime(report.reportedAt) })}
        </Typography.Text>
      )}
      <Typography.Paragraph data-testid="report-totals" style={{ marginBottom: 0 }}>
        {t('consultations.report.totals', { ...report.totals })}
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('consultations.report.note')}</Typography.Text>
      <Card size="small" title={t('consultations.report.chart')}>
        <ReportChart report={report} />
      </Card>
      {report.sections.map((s) => (
        <Card
          key={s.id}
          size="small"
          data-testid={`report-section-${s.seq}`}
          title={
            <span style={{ whiteSpace: 'normal' }}>
              {sectionName(t, s)}
              {s.chapter ? (
                <Typography.Text type="secondary"> · {s.chapter}</Typography.Text>
              ) : null}
            </span>
          }
        >
          <Flex vertical gap={8}>
            <Space size={4} wrap>
              <CountsLine counts={s.counts} />
            </Space>
            {s.items.length === 0 ? (
              <Typography.Text type="secondary">
                {t('consultations.report.noItems')}
              </Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={s.items}
                renderItem={(item, i) => (
                  <List.Item key={i} data-testid="report-item">
                    <Flex vertical gap={2} style={{ minWidth: 0 }}>
                      <Typography.Paragraph
                        style={{
                          whiteSpace: 'pre-wrap',
                          marginBottom: 0,
                          overflowWrap: 'anywhere',
                        }}
                      >
                        {item.body}
                      </Typography.Paragraph>
                      <Flex wrap gap={4} align="center">
                        <AnswerTag answer={item.answer} />
                        {item.answerReason ? (
                          <Typography.Text
                            type="secondary"
                            data-testid="report-item-reason"
                            style={{ overflowWrap: 'anywhere' }}
                          >
                            {item.answerReason}
                          </Typography.Text>
                        ) : null}
                      </Flex>
                    </Flex>
                  </List.Item>
                )}
              />
            )}
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}

/** Agree / disagree and answers per section; horizontal bars on a phone. */
function ReportChart({ report }: { report: Report }) {
  const t = useT();
  const mobile = useIsMobile();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption(reportChartOption(t, report, mobile));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [report, mobile, t]);
  const n = report.sections.length;
  const height = mobile ? Math.max(240, 90 + n * 60) : 320;
  return <div ref={ref} data-testid="report-chart" style={{ width: '100%', height }} />;
}
