import type { ReactNode } from 'react';
import { Button, Checkbox, Flex, Input, Radio, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import type { Locale } from '@lianxin/common';
import { useLocale, useT } from '../../app/locale';
import { translateOptional } from '../../i18n';
import { chosen, displayOrder, moveInOrder, visibleQuestions, type AnswerProblem } from './logic';
import { TEXT_MAX, type Answer, type Answers, type Question } from './types';

/**
 * The answering form: one component per question type, shown phone first (360 px). Questions
 * whose show-if condition is not met are not shown (their answers are dropped when sending).
 * Used by the answering page and by the builder's phone preview.
 */
export function SurveyQuestions({
  questions,
  answers,
  onChange,
  problems = {},
  disabled = false,
}: {
  questions: Question[];
  answers: Answers;
  onChange: (next: Answers) => void;
  problems?: Record<string, AnswerProblem | string>;
  disabled?: boolean;
}) {
  const shown = visibleQuestions(questions, answers);
  const set = (id: string, a: Answer | undefined) => {
    const next = { ...answers };
    if (a === undefined) delete next[id];
    else next[id] = a;
    onChange(next);
  };
  return (
    <Flex vertical gap={12} data-testid="survey-questions">
      {shown.map((q, i) => (
        <QuestionBlock
          key={q.id}
          number={i + 1}
          question={q}
          answer={answers[q.id]}
          problem={problems[q.id]}
          disabled={disabled}
          onChange={(a) => set(q.id, a)}
        />
      ))}
    </Flex>
  );
}

function QuestionBlock({
  number,
  question: q,
  answer,
  problem,
  disabled,
  onChange,
}: {
  number: number;
  question: Question;
  answer: Answer | undefined;
  problem: string | undefined;
  disabled: boolean;
  onChange: (a: Answer | undefined) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  let hint: string | null = null;
  if (q.type === 'multiple') {
    hint =
      q.maxChoices !== null
        ? t('surveys.web.maxChoicesHint', { max: q.maxChoices })
        : t('surveys.web.multipleHint');
  }
  if (q.type === 'ranking') hint = t('surveys.web.rankingHint');
  return (
    <section
      data-testid={`survey-q-${q.id}`}
      data-type={q.type}
      aria-invalid={problem ? true : undefined}
      style={{
        border: `1px solid ${problem ? '#ff4d4f' : '#f0f0f0'}`,
        borderRadius: 8,
        padding: 12,
        background: '#fff',
        minWidth: 0,
      }}
    >
      <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
        {q.required ? (
          <span style={{ color: '#ff4d4f', marginRight: 4 }} aria-label={t('surveys.web.required')}>
            *
          </span>
        ) : null}
        {number}. {q.title}
        {hint ? (
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginLeft: 4 }}>
            {hint}
          </Typography.Text>
        ) : null}
      </Typography.Text>
      {q.description ? (
        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>
          {q.description}
        </Typography.Paragraph>
      ) : null}
      <AnswerField question={q} answer={answer} disabled={disabled} onChange={onChange} />
      {problem ? (
        <Typography.Text
          type="danger"
          role="alert"
          data-testid={`survey-q-${q.id}-problem`}
          style={{ display: 'block', marginTop: 6 }}
        >
          {problemText(t, locale, problem, q)}
        </Typography.Text>
      ) : null}
    </section>
  );
}

function problemText(
  t: ReturnType<typeof useT>,
  locale: Locale,
  problem: string,
  q: Question,
): string {
  switch (problem) {
    case 'required':
      return q.type === 'matrix'
        ? t('surveys.web.problem.matrixRows')
        : t('surveys.web.problem.required');
    case 'maxChoices':
    case 'too_many_choices':
      return t('surveys.web.problem.maxChoices', { max: q.maxChoices ?? 0 });
    case 'matrixRows':
      return t('surveys.web.problem.matrixRows');
    case 'tooLong':
    case 'text_too_long':
      return t('surveys.web.problem.tooLong', { max: TEXT_MAX });
    default:
      // The server's problem (SURVEY_ANSWER_INVALID details), when it is one we can name.
      return (
        translateOptional(locale, `surveys.web.problem.${problem}`) ??
        t('surveys.web.problem.invalid')
      );
  }
}

function AnswerField({
  question: q,
  answer,
  disabled,
  onChange,
}: {
  question: Question;
  answer: Answer | undefined;
  disabled: boolean;
  onChange: (a: Answer | undefined) => void;
}) {
  const t = useT();
  const order = displayOrder(q);
  const optionId = (i: number) => `survey-q-${q.id}-opt-${i}`;
  switch (q.type) {
    case 'single':
      return (
        <Radio.Group
          value={answer?.choice}
          disabled={disabled}
          onChange={(e) => onChange({ choice: e.target.value as number })}
          style={{ width: '100%' }}
        >
          <Flex vertical gap={8}>
            {order.map((i) => (
              <Radio key={i} value={i} data-testid={optionId(i)}>
                {q.options[i]}
              </Radio>
            ))}
          </Flex>
        </Radio.Group>
      );
    case 'multiple': {
      const picked = chosen(answer);
      const full = q.maxChoices !== null && picked.length >= q.maxChoices;
      return (
        <Checkbox.Group
          value={picked}
          disabled={disabled}
          onChange={(v) => {
            const values = v as number[];
            onChange(values.length ? { choices: values } : undefined);
          }}
          style={{ width: '100%' }}
        >
          <Flex vertical gap={8}>
            {order.map((i) => (
              <Checkbox
                key={i}
                value={i}
                data-testid={optionId(i)}
                // The maximum is enforced: once reached, the others cannot be ticked.
                disabled={full && !picked.includes(i)}
              >
                {q.options[i]}
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      );
    }
    case 'text':
      return q.long ? (
        <Input.TextArea
          value={answer?.text ?? ''}
          disabled={disabled}
          rows={4}
          maxLength={TEXT_MAX}
          showCount
          placeholder={t('surveys.web.textPlaceholder')}
          data-testid={`survey-q-${q.id}-text`}
          onChange={(e) => onChange(e.target.value ? { text: e.target.value } : undefined)}
        />
      ) : (
        <Input
          value={answer?.text ?? ''}
          disabled={disabled}
          maxLength={TEXT_MAX}
          placeholder={t('surveys.web.textPlaceholder')}
          data-testid={`survey-q-${q.id}-text`}
          onChange={(e) => onChange(e.target.value ? { text: e.target.value } : undefined)}
        />
      );
    case 'scale': {
      const scale = q.scale ?? { min: 1, max: 5, minLabel: '', maxLabel: '' };
      return (
        <ScaleButtons
          id={q.id}
          min={scale.min}
          max={scale.max}
          minLabel={scale.minLabel}
          maxLabel={scale.maxLabel}
          value={answer?.value}
          disabled={disabled}
          onChange={(value) => onChange(value === undefined ? undefined : { value })}
        />
      );
    }
    case 'nps':
      return (
        <ScaleButtons
          id={q.id}
          min={0}
          max={10}
          minLabel={t('surveys.web.npsLow')}
          maxLabel={t('surveys.web.npsHigh')}
          value={answer?.value}
          disabled={disabled}
          onChange={(value) => onChange(value === undefined ? undefined : { value })}
        />
      );
    case 'matrix':
      return (
        <Flex vertical gap={10}>
          {q.rows.map((row, r) => (
            <div key={r} data-testid={`survey-q-${q.id}-row-${r}`}>
              <Typography.Text style={{ display: 'block' }}>{row}</Typography.Text>
              <Radio.Group
                value={answer?.rows?.[r] ?? undefined}
                disabled={disabled}
                onChange={(e) => {
                  const rows = q.rows.map((_, i) => answer?.rows?.[i] ?? null);
                  rows[r] = e.target.value as number;
                  onChange({ rows });
                }}
              >
                <Flex wrap gap={4}>
                  {q.options.map((col, c) => (
                    <Radio key={c} value={c} data-testid={`survey-q-${q.id}-row-${r}-col-${c}`}>
                      {col}
                    </Radio>
                  ))}
                </Flex>
              </Radio.Group>
            </div>
          ))}
        </Flex>
      );
    case 'ranking':
      return (
        <Ranking
          question={q}
          answer={answer}
          disabled={disabled}
          onChange={onChange}
          order={order}
        />
      );
  }
}

/** A row of numbered buttons (a rating scale, or NPS 0–10) with the end labels beneath. */
function ScaleButtons({
  id,
  min,
  max,
  minLabel,
  maxLabel,
  value,
  disabled,
  onChange,
}: {
  id: string;
  min: number;
  max: number;
  minLabel: string;
  maxLabel: string;
  value: number | undefined;
  disabled: boolean;
  onChange: (value: number | undefined) => void;
}) {
  const values: number[] = [];
  for (let v = min; v <= max; v += 1) values.push(v);
  return (
    <div role="radiogroup">
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: `repeat(${values.length}, minmax(0, 1fr))`,
          gap: 3,
        }}
      >
        {values.map((v) => (
          <Button
            key={v}
            role="radio"
            aria-checked={value === v}
            size="small"
            type={value === v ? 'primary' : 'default'}
            disabled={disabled}
            data-testid={`survey-q-${id}-value-${v}`}
            style={{ padding: 0, minWidth: 0, height: 32 }}
            onClick={() => onChange(value === v ? undefined : v)}
          >
            {v}
          </Button>
        ))}
      </div>
      {minLabel || maxLabel ? (
        <Flex justify="space-between" gap={8} style={{ marginTop: 4 }}>
          <Typography.Text type="secondary">{minLabel}</Typography.Text>
          <Typography.Text type="secondary" style={{ textAlign: 'right' }}>
            {maxLabel}
          </Typography.Text>
        </Flex>
      ) : null}
    </div>
  );
}

/** Order the options with up / down buttons; untouched, nothing is answered yet. */
function Ranking({
  question: q,
  answer,
  order: initial,
  disabled,
  onChange,
}: {
  question: Question;
  answer: Answer | undefined;
  order: number[];
  disabled: boolean;
  onChange: (a: Answer | undefined) => void;
}) {
  const t = useT();
  const answered = (answer?.order?.length ?? 0) === q.options.length;
  const order = answered ? answer!.order! : initial;
  const move = (position: number, delta: -1 | 1) =>
    onChange({ order: moveInOrder(order, position, delta) });
  const rows: ReactNode[] = order.map((option, position) => (
    <Flex
      key={option}
      align="center"
      gap={6}
      data-testid={`survey-q-${q.id}-rank-${position}`}
      data-option={option}
      style={{ padding: '4px 0', borderBottom: '1px dashed #f0f0f0' }}
    >
      <Typography.Text strong style={{ width: 20, flex: 'none' }}>
        {answered ? position + 1 : '·'}
      </Typography.Text>
      <Typography.Text style={{ flex: 1, minWidth: 0 }}>{q.options[option]}</Typography.Text>
      <Button
        size="small"
        icon={<ArrowUpOutlined />}
        aria-label={t('surveys.web.moveUp')}
        disabled={disabled || position === 0}
        data-testid={`survey-q-${q.id}-up-${position}`}
        onClick={() => move(position, -1)}
      />
      <Button
        size="small"
        icon={<ArrowDownOutlined />}
        aria-label={t('surveys.web.moveDown')}
        disabled={disabled || position === order.length - 1}
        data-testid={`survey-q-${q.id}-down-${position}`}
        onClick={() => move(position, 1)}
      />
    </Flex>
  ));
  return (
    <div>
      {rows}
      <Flex gap={8} style={{ marginTop: 6 }} wrap>
        {answered ? (
          <Button size="small" type="link" disabled={disabled} onClick={() => onChange(undefined)}>
            {t('surveys.web.rankingClear')}
          </Button>
        ) : (
          <Button
            size="small"
            disabled={disabled}
            data-testid={`survey-q-${q.id}-keep`}
            onClick={() => onChange({ order })}
          >
            {t('surveys.web.rankingKeep')}
          </Button>
        )}
      </Flex>
    </div>
  );
}
