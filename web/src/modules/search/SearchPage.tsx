import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Input, List, Pagination, Tag, Typography, theme } from 'antd';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/useIsMobile';
import { usePageTitle } from '../../components/usePageTitle';
import { Highlight } from './Highlight';
import { MAX_QUERY_CHARS, type SearchHit, type SearchResult } from './types';

const PAGE_SIZE = 20;
const KIND_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** The record kind's name if a module gave one (`search.kind.<kind>`), else the kind itself. */
function useKindLabel() {
  const t = useT();
  return (kind: string) => {
    const key = `search.kind.${kind}`;
    const label = t(key as never);
    return label === key ? kind : label;
  };
}

/** Search results: kind filter with counts, highlighted titles and snippets, paging. */
export default function SearchPage() {
  const t = useT();
  const mobile = useIsMobile();
  const kindLabel = useKindLabel();
  const { token } = theme.useToken();
  usePageTitle('menu.search');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = params.get('kind') ?? '';
  const page = Math.min(50, Math.max(1, Number(params.get('page')) || 1));
  const [draft, setDraft] = useState(q);
  const [shownQ, setShownQ] = useState(q);
  if (shownQ !== q) {
    // The query changed from outside (the header box, back/forward): show it in the box.
    setShownQ(q);
    setDraft(q);
  }

  const validKind = KIND_PATTERN.test(kind) ? kind : '';
  const result = useQuery({
    queryKey: ['search', q, validKind, page],
    queryFn: ({ signal }) =>
      api.get<SearchResult>(
        '/api/search',
        { q, kinds: validKind, page, pageSize: PAGE_SIZE },
        signal,
      ),
    enabled: q.trim() !== '',
    placeholderData: keepPreviousData,
  });

  const go = (next: { q?: string; kind?: string; page?: number }) => {
    const p = new URLSearchParams();
    const nq = next.q ?? q;
    const nk = next.kind ?? kind;
    if (nq) p.set('q', nq);
    if (nk) p.set('kind', nk);
    if (next.page && next.page > 1) p.set('page', String(next.page));
    setParams(p);
  };

  const data = result.data;
  const allCount = data?.kinds.reduce((n, k) => n + k.count, 0) ?? 0;

  return (
    <>
      <PageHeader title={t('menu.search')} />
      <Input.Search
        role="search"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onSearch={(v) => go({ q: v.trim(), kind: '', page: 1 })}
        maxLength={MAX_QUERY_CHARS}
        placeholder={t('search.placeholder')}
        aria-label={t('search.button')}
        enterButton={t('search.button')}
        allowClear
        autoFocus={!q}
        size={mobile ? 'middle' : 'large'}
        loading={result.isFetching}
        data-testid="search-bar"
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />

      {!q.trim() ? (
        <Card data-testid="search-start">
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('search.start.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('search.start.body')}
          </Typography.Paragraph>
        </Card>
      ) : data ? (
        <>
          {data.query.truncated ? (
            <Typography.Paragraph type="warning" data-testid="search-truncated">
              {t('search.truncated', { max: MAX_QUERY_CHARS })}
            </Typography.Paragraph>
          ) : null}
          {data.kinds.length > 0 ? (
            <Flex
              wrap
              gap={6}
              style={{ marginBottom: 12 }}
              role="group"
              aria-label={t('search.kindFilter')}
              data-testid="search-kinds"
            >
              <Tag.CheckableTag checked={!kind} onChange={() => go({ kind: '', page: 1 })}>
                {t('search.allKinds')} ({allCount})
              </Tag.CheckableTag>
              {data.kinds.map((k) => (
                <Tag.CheckableTag
                  key={k.kind}
                  checked={kind === k.kind}
                  onChange={() => go({ kind: k.kind, page: 1 })}
                  data-testid={`search-kind-${k.kind}`}
                >
                  {kindLabel(k.kind)} ({k.count})
                </Tag.CheckableTag>
              ))}
            </Flex>
          ) : null}
          {data.items.length === 0 ? (
            <Card data-testid="search-empty">
              <Empty
                description={
                  <>
                    <Typography.Text strong>
                      {data.query.terms.length ? t('search.empty.title') : t('search.noTerms')}
                    </Typography.Text>
                    {data.query.terms.length ? (
                      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                        {t('search.empty.body')}
                      </Typography.Paragraph>
                    ) : null}
                  </>
                }
              />
            </Card>
          ) : (
            <>
              <Typography.Text type="secondary" data-testid="search-total">
                {t('search.total', { total: data.total })}
              </Typography.Text>
              <List<SearchHit>
                data-testid="search-results"
                dataSource={data.items}
                rowKey={(h) => `${h.recordKind}:${h.recordId}`}
                renderItem={(h) => (
                  <List.Item data-testid="search-hit" style={{ display: 'block' }}>
                    <Flex gap={8} align="baseline" wrap>
                      <Tag style={{ marginInlineEnd: 0 }}>{kindLabel(h.recordKind)}</Tag>
                      <Typography.Text strong style={{ fontSize: 15, wordBreak: 'break-word' }}>
                        {h.abilities.open && h.link ? (
                          <Link to={h.link}>
                            <Highlight text={h.title} ranges={h.titleRanges} />
                          </Link>
                        ) : (
                          <Highlight text={h.title} ranges={h.titleRanges} />
                        )}
                      </Typography.Text>
                    </Flex>
                    {h.snippet ? (
                      <Typography.Paragraph
                        style={{ margin: '6px 0 2px', color: token.colorTextSecondary }}
                      >
                        <Highlight text={h.snippet} ranges={h.snippetRanges} />
                      </Typography.Paragraph>
                    ) : null}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('search.updatedAt', { time: formatDateTime(h.updatedAt) })}
                    </Typography.Text>
                  </List.Item>
                )}
              />
              {data.total > PAGE_SIZE ? (
                <Pagination
                  simple={mobile}
                  current={page}
                  pageSize={PAGE_SIZE}
                  total={Math.min(data.total, PAGE_SIZE * 50)}
                  showSizeChanger={false}
                  onChange={(p) => go({ page: p })}
                  style={{ marginTop: 16, textAlign: 'center' }}
                  data-testid="search-pages"
                />
              ) : null}
            </>
          )}
        </>
      ) : null}
    </>
  );
}
