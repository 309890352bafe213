import { memo } from 'react';
import { Alert, Button, Card, Checkbox, Flex, Input, InputNumber, Select, Typography } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useT } from '../../app/locale';
import { conditionSources, retype } from './logic';
import {
  MAX_OPTIONS,
  MAX_ROWS,
  OPTION_TYPES,
  QUESTION_TYPES,
  TITLE_MAX,
  type Question,
  type QuestionType,
} from './types';

export interface QuestionEditorProps {
  index: number;
  count: number;
  question: Question;
  /** The earlier choice questions a show-if condition may refer to, and their numbers. */
  sources: Question[];
  sourceNumbers: number[];
  locked: boolean;
  onChange: (index: number, q: Question) => void;
  onRemoveOption: (index: number, option: number) => void;
  onMove: (index: number, delta: -1 | 1) => void;
  onDelete: (index: number) => void;
}

const sameItems = <T,>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * One question in the builder: its type's editor, the required flag and the show-if condition.
 * Memoized: typing in one question re-renders that question only.
 */
export const QuestionEditor = memo(
  QuestionEditorInner,
  (a, b) =>
    a.index === b.index &&
    a.count === b.count &&
    a.question === b.question &&
    a.locked === b.locked &&
    a.onChange === b.onChange &&
    a.onRemoveOption === b.onRemoveOption &&
    a.onMove === b.onMove &&
    a.onDelete === b.onDelete &&
    sameItems(a.sources, b.sources) &&
    sameItems(a.sourceNumbers, b.sourceNumbers),
);

/** The show-if sources of question `index`, with their numbers (1-based). */
export function showIfSources(questions: Question[], index: number) {
  const sources = conditionSources(questions, index);
  return { sources, sourceNumbers: sources.map((s) => questions.indexOf(s) + 1) };
}

function QuestionEditorInner({
  index,
  count,
  question: q,
  sources,
  sourceNumbers,
  locked,
  onChange: change,
  onRemoveOption: removeOptionAt,
  onMove: moveAt,
  onDelete: deleteAt,
}: QuestionEditorProps) {
  const t = useT();
  const onChange = (next: Question) => change(index, next);
  const onRemoveOption = (option: number) => removeOptionAt(index, option);
  const onMove = (delta: -1 | 1) => moveAt(index, delta);
  const onDelete = () => deleteAt(index);
  const set = (patch: Partial<Question>) => onChange({ ...q, ...patch });
  const tid = (part: string) => `builder-q${index}-${part}`;
  const source = q.showIf ? sources.find((s) => s.id === q.showIf!.questionId) : undefined;

  return (
    <Card
      size="small"
      data-testid={`builder-question-${index}`}
      title={
        <Typography.Text>
          {t('surveys.web.builder.questionNumber', { n: index + 1 })}
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 'normal' }}>
            {t(`surveys.web.type.${q.type}`)}
          </Typography.Text>
        </Typography.Text>
      }
      extra={
        locked ? null : (
          <Flex gap={4}>
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              aria-label={t('surveys.web.moveUp')}
              disabled={index === 0}
              data-testid={tid('up')}
              onClick={() => onMove(-1)}
            />
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              aria-label={t('surveys.web.moveDown')}
              disabled={index === count - 1}
              data-testid={tid('down')}
              onClick={() => onMove(1)}
            />
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('surveys.web.builder.delete')}
              data-testid={tid('delete')}
              onClick={onDelete}
            />
          </Flex>
        )
      }
    >
      <Flex vertical gap={8}>
        <Select<QuestionType>
          value={q.type}
          disabled={locked}
          aria-label={t('surveys.web.builder.type')}
          data-testid={tid('type')}
          options={QUESTION_TYPES.map((type) => ({
            value: type,
            label: t(`surveys.web.type.${type}`),
          }))}
          onChange={(type) => onChange(retype(q, type))}
        />
        <Input.TextArea
          value={q.title}
          disabled={locked}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={TITLE_MAX}
          placeholder={t('surveys.web.builder.questionTitle')}
          aria-label={t('surveys.web.builder.questionTitle')}
          data-testid={tid('title')}
          onChange={(e) => set({ title: e.target.value })}
        />
        <Input
          value={q.description}
          disabled={locked}
          maxLength={1000}
          placeholder={t('surveys.web.builder.questionDescription')}
          aria-label={t('surveys.web.builder.questionDescription')}
          onChange={(e) => set({ description: e.target.value })}
        />
        {OPTION_TYPES.includes(q.type) ? (
          <TextList
            label={
              q.type === 'matrix'
                ? t('surveys.web.builder.columns')
                : t('surveys.web.builder.options')
            }
            items={q.options}
            max={MAX_OPTIONS}
            locked={locked}
            testId={tid('option')}
            addLabel={t('surveys.web.builder.addOption')}
            onChange={(options) => set({ options })}
            onRemove={onRemoveOption}
          />
        ) : null}
        {q.type === 'matrix' ? (
          <TextList
            label={t('surveys.web.builder.rows')}
            items={q.rows}
            max={MAX_ROWS}
            locked={locked}
            testId={tid('row')}
            addLabel={t('surveys.web.builder.addRow')}
            onChange={(rows) => set({ rows })}
            onRemove={(i) => set({ rows: q.rows.filter((_, j) => j !== i) })}
          />
        ) : null}
        {q.type === 'multiple' ? (
          <Flex align="center" gap={8} wrap>
            <Typography.Text>{t('surveys.web.builder.maxChoices')}</Typography.Text>
            <InputNumber
              min={1}
              max={Math.max(1, q.options.length)}
              value={q.maxChoices}
              disabled={locked}
              placeholder={t('surveys.web.builder.noMax')}
              data-testid={tid('max')}
              onChange={(v) => set({ maxChoices: typeof v === 'number' ? v : null })}
            />
          </Flex>
        ) : null}
        {q.type === 'text' ? (
          <Checkbox
            checked={q.long}
            disabled={locked}
            onChange={(e) => set({ long: e.target.checked })}
          >
            {t('surveys.web.builder.long')}
          </Checkbox>
        ) : null}
        {q.type === 'scale' && q.scale ? (
          <Flex wrap gap={8} align="center">
            <InputNumber
              min={0}
              max={9}
              value={q.scale.min}
              disabled={locked}
              addonBefore={t('surveys.web.builder.scaleMin')}
              style={{ width: 140 }}
              onChange={(v) => set({ scale: { ...q.scale!, min: typeof v === 'number' ? v : 0 } })}
            />
            <InputNumber
              min={1}
              max={10}
              value={q.scale.max}
              disabled={locked}
              addonBefore={t('surveys.web.builder.scaleMax')}
              style={{ width: 140 }}
              onChange={(v) => set({ scale: { ...q.scale!, max: typeof v === 'number' ? v : 5 } })}
            />
            <Input
              value={q.scale.minLabel}
              disabled={locked}
              maxLength={50}
              placeholder={t('surveys.web.builder.minLabel')}
              aria-label={t('surveys.web.builder.minLabel')}
              style={{ maxWidth: 200 }}
              onChange={(e) => set({ scale: { ...q.scale!, minLabel: e.target.value } })}
            />
            <Input
              value={q.scale.maxLabel}
              disabled={locked}
              maxLength={50}
              placeholder={t('surveys.web.builder.maxLabel')}
              aria-label={t('surveys.web.builder.maxLabel')}
              style={{ maxWidth: 200 }}
              onChange={(e) => set({ scale: { ...q.scale!, maxLabel: e.target.value } })}
            />
          </Flex>
        ) : null}
        {q.type === 'nps' ? (
          <Alert type="info" showIcon title={t('surveys.web.builder.npsNote')} />
        ) : null}
        <Flex wrap gap={16}>
          <Checkbox
            checked={q.required}
            disabled={locked}
            data-testid={tid('required')}
            onChange={(e) => set({ required: e.target.checked })}
          >
            {t('surveys.web.builder.required')}
          </Checkbox>
          {['single', 'multiple', 'ranking'].includes(q.type) ? (
            <Checkbox
              checked={q.randomize}
              disabled={locked}
              onChange={(e) => set({ randomize: e.target.checked })}
            >
              {t('surveys.web.builder.randomize')}
            </Checkbox>
          ) : null}
        </Flex>
        {index > 0 ? (
          <div data-testid={tid('showif')}>
            <Typography.Text type="secondary">{t('surveys.web.builder.showIf')}</Typography.Text>
            <Select<string>
              allowClear
              value={q.showIf?.questionId}
              disabled={locked || sources.length === 0}
              style={{ width: '100%', marginTop: 4 }}
              placeholder={
                sources.length
                  ? t('surveys.web.builder.showIfAlways')
                  : t('surveys.web.builder.showIfNone')
              }
              data-testid={tid('showif-question')}
              options={sources.map((s, i) => ({
                value: s.id,
                label: `${sourceNumbers[i]}. ${s.title || t('surveys.web.builder.untitled')}`,
              }))}
              onChange={(questionId) =>
                set({ showIf: questionId ? { questionId, optionIndexes: [] } : null })
              }
            />
            {source ? (
              <>
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                  {t('surveys.web.builder.showIfOptions')}
                </Typography.Text>
                <Checkbox.Group
                  value={q.showIf?.optionIndexes ?? []}
                  disabled={locked}
                  data-testid={tid('showif-options')}
                  options={source.options.map((label, i) => ({
                    value: i,
                    label: label || t('surveys.web.builder.optionNumber', { n: i + 1 }),
                  }))}
                  onChange={(v) =>
                    set({ showIf: { questionId: source.id, optionIndexes: v as number[] } })
                  }
                />
                {q.showIf && q.showIf.optionIndexes.length === 0 ? (
                  <Typography.Text type="warning" style={{ display: 'block' }}>
                    {t('surveys.web.builder.showIfPick')}
                  </Typography.Text>
                ) : null}
              </>
            ) : null}
          </div>
        ) : null}
      </Flex>
    </Card>
  );
}

/** Options, a matrix's columns or rows: one input each, add and remove. */
function TextList({
  label,
  items,
  max,
  locked,
  testId,
  addLabel,
  onChange,
  onRemove,
}: {
  label: string;
  items: string[];
  max: number;
  locked: boolean;
  testId: string;
  addLabel: string;
  onChange: (items: string[]) => void;
  onRemove: (i: number) => void;
}) {
  const t = useT();
  return (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      {items.map((item, i) => (
        <Flex key={i} gap={4}>
          <Input
            value={item}
            disabled={locked}
            maxLength={200}
            aria-label={`${label} ${i + 1}`}
            data-testid={`${testId}-${i}`}
            prefix={
              <Typography.Text type="secondary">
                {String.fromCharCode(65 + (i % 26))}.
              </Typography.Text>
            }
            onChange={(e) => onChange(items.map((old, j) => (j === i ? e.target.value : old)))}
          />
          {locked ? null : (
            <Button
              icon={<DeleteOutlined />}
              aria-label={t('surveys.web.builder.delete')}
              disabled={items.length <= 1}
              onClick={() => onRemove(i)}
            />
          )}
        </Flex>
      ))}
      {locked || items.length >= max ? null : (
        <Button
          type="dashed"
          icon={<PlusOutlined />}
          data-testid={`${testId}-add`}
          onClick={() => onChange([...items, ''])}
        >
          {addLabel}
        </Button>
      )}
    </Flex>
  );
}
