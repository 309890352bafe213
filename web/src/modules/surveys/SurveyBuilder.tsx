import { useCallback, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Dropdown,
  Flex,
  Input,
  Modal,
  Select,
  Switch,
  TreeSelect,
  Typography,
} from 'antd';
import { EyeOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { CONTENT_ROLES, type ContentRole } from '@lianxin/common';
import { api } from '../../app/api';
import { useT } from '../../app/locale';
import { queryClient } from '../../app/queryClient';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/PageSpinner';
import { useDepartments } from '../org/api';
import { departmentOptions, subtreeIds } from '../org/departments/tree';
import { useMe } from '../auth/me';
import { ImportTextModal } from './ImportText';
import {
  blankQuestion,
  builderProblems,
  completeQuestion,
  emptySurvey,
  inputToBody,
  moveQuestion,
  removeOption,
  removeQuestion,
  replaceQuestion,
  surveyToInput,
  type BuilderProblem,
} from './logic';
import { SurveyTags } from './parts';
import { QuestionEditor, showIfSources } from './QuestionEditor';
import { SurveyQuestions } from './QuestionFields';
import {
  MAX_QUESTIONS,
  QUESTION_TYPES,
  type Answers,
  type ImportResult,
  type Question,
  type SurveyInput,
  type SurveyView,
  surveyKey,
} from './types';

/** The builder for a new survey (`surveyId` null) or a stored one. */
export function SurveyBuilder({
  surveyId,
  onSaved,
  onBack,
}: {
  surveyId: number | null;
  onSaved: (id: number) => void;
  onBack: () => void;
}) {
  const survey = useQuery({
    queryKey: surveyKey(surveyId ?? 0),
    queryFn: () => api.get<{ survey: SurveyView }>(`/api/surveys/${surveyId}`),
    enabled: surveyId !== null,
  });
  if (surveyId !== null && !survey.data) {
    return survey.error ? (
      <ErrorAlert error={survey.error} onRetry={() => void survey.refetch()} />
    ) : (
      <PageSpinner />
    );
  }
  const view = survey.data?.survey ?? null;
  return (
    <BuilderForm key={view ? `${view.id}` : 'new'} view={view} onSaved={onSaved} onBack={onBack} />
  );
}

function BuilderForm({
  view,
  onSaved,
  onBack,
}: {
  view: SurveyView | null;
  onSaved: (id: number) => void;
  onBack: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const departments = useDepartments();
  const me = useMe().data;
  // A department head sends surveys within their department: only its subtree is offered.
  const headOnly =
    !!me?.person && !me.roles.includes('office') && me.roles.includes('department_head');
  const activeDepartments = (departments.data?.items ?? []).filter((d) => d.active);
  const offered = headOnly
    ? activeDepartments.filter((d) =>
        subtreeIds(activeDepartments, me!.person!.departmentId).has(d.id),
      )
    : activeDepartments;
  const [input, setInput] = useState<SurveyInput>(() =>
    view ? surveyToInput(view) : emptySurvey(),
  );
  const [problems, setProblems] = useState<BuilderProblem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [importing, setImporting] = useState(false);
  const [preview, setPreview] = useState(false);
  const locked = view?.locked ?? false;
  const editable = view ? view.abilities.edit : true;

  const set = (patch: Partial<SurveyInput>) => setInput((old) => ({ ...old, ...patch }));
  const setQuestions = (questions: Question[]) => set({ questions });
  // Stable handlers (functional updates), so that one question's edit re-renders only it.
  const editQuestions = useCallback(
    (edit: (questions: Question[]) => Question[]) =>
      setInput((old) => ({ ...old, questions: edit(old.questions) })),
    [],
  );
  const onQuestionChange = useCallback(
    (i: number, q: Question) => editQuestions((qs) => replaceQuestion(qs, i, q)),
    [editQuestions],
  );
  const onRemoveOption = useCallback(
    (i: number, o: number) => editQuestions((qs) => removeOption(qs, i, o)),
    [editQuestions],
  );
  const onMove = useCallback(
    (i: number, d: -1 | 1) => editQuestions((qs) => moveQuestion(qs, i, d)),
    [editQuestions],
  );
  const onDelete = useCallback(
    (i: number) => editQuestions((qs) => removeQuestion(qs, i)),
    [editQuestions],
  );

  const save = async () => {
    const found = builderProblems(input);
    setProblems(found);
    if (found.length) return;
    setBusy(true);
    setError(null);
    try {
      const body = inputToBody(input);
      const res = view
        ? await api.put<{ survey: SurveyView }>(`/api/surveys/${view.id}`, body)
        : await api.post<{ survey: SurveyView }>('/api/surveys', body);
      queryClient.setQueryData(surveyKey(res.survey.id), res);
      void queryClient.invalidateQueries({ queryKey: ['surveys', 'manage'] });
      void message.success(t('surveys.web.builder.saved'));
      onSaved(res.survey.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const applyImported = (result: ImportResult, mode: 'replace' | 'append') => {
    const kept = mode === 'append' ? [...input.questions] : [];
    for (const q of result.questions) kept.push(completeQuestion(q, kept));
    set({
      questions: kept.slice(0, MAX_QUESTIONS),
      title: input.title.trim() ? input.title : (result.title ?? input.title),
      description: input.description.trim()
        ? input.description
        : (result.description ?? input.description),
    });
    setImporting(false);
  };

  const addQuestion = (type: Question['type']) =>
    setQuestions([...input.questions, blankQuestion(type, input.questions)]);

  const problemText = (p: BuilderProblem) =>
    'index' in p
      ? t(`surveys.web.builder.problem.${p.field}`, { n: p.index + 1 })
      : t(`surveys.web.builder.problem.${p.field}`);

  const readOnly = !editable;
  return (
    <Flex vertical gap={12} data-testid="survey-builder" style={{ maxWidth: 880 }}>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {view ? t('surveys.web.builder.titleEdit') : t('surveys.web.builder.titleNew')}
        </Typography.Title>
        <Flex wrap gap={8}>
          {view ? <SurveyTags survey={view} /> : null}
          <Button onClick={onBack} data-testid="builder-back">
            {t('surveys.web.builder.back')}
          </Button>
        </Flex>
      </Flex>
      {readOnly ? <Alert type="info" showIcon title={t('surveys.web.builder.readOnly')} /> : null}
      {locked ? (
        <Alert
          type="warning"
          showIcon
          data-testid="builder-locked"
          title={t('surveys.web.builder.locked')}
        />
      ) : null}
      <Card size="small">
        <Flex vertical gap={10}>
          <label>
            <Typography.Text>{t('surveys.web.builder.field.title')}</Typography.Text>
            <Input
              value={input.title}
              maxLength={200}
              disabled={readOnly}
              data-testid="builder-title"
              onChange={(e) => set({ title: e.target.value })}
            />
          </label>
          <label>
            <Typography.Text>{t('surveys.web.builder.field.description')}</Typography.Text>
            <Input.TextArea
              value={input.description}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={5000}
              disabled={readOnly}
              data-testid="builder-description"
              onChange={(e) => set({ description: e.target.value })}
            />
          </label>
          <Flex align="center" gap={8}>
            <Switch
              checked={input.anonymous}
              disabled={readOnly || (view !== null && view.status !== 'draft')}
              data-testid="builder-anonymous"
              onChange={(anonymous) => set({ anonymous })}
            />
            <Typography.Text>{t('surveys.web.builder.field.anonymous')}</Typography.Text>
          </Flex>
          <Alert
            type={input.anonymous ? 'info' : 'warning'}
            showIcon
            data-testid="builder-anonymous-help"
            title={
              input.anonymous ? t('surveys.web.anonymous.title') : t('surveys.web.named.title')
            }
            description={
              input.anonymous ? t('surveys.web.anonymous.builder') : t('surveys.web.named.builder')
            }
          />
          <label>
            <Typography.Text>{t('surveys.web.builder.field.departments')}</Typography.Text>
            <TreeSelect<number[]>
              multiple
              allowClear
              showSearch
              treeNodeFilterProp="title"
              treeDefaultExpandAll
              style={{ width: '100%' }}
              value={input.audience.departmentIds}
              disabled={readOnly || (view !== null && view.status !== 'draft')}
              loading={departments.isPending}
              placeholder={
                headOnly
                  ? t('surveys.web.builder.ownDepartment')
                  : t('surveys.web.builder.everyone')
              }
              treeData={departmentOptions(offered)}
              data-testid="builder-departments"
              onChange={(ids) => set({ audience: { ...input.audience, departmentIds: ids ?? [] } })}
            />
          </label>
          <label>
            <Typography.Text>{t('surveys.web.builder.field.roles')}</Typography.Text>
            <Select<ContentRole[]>
              mode="multiple"
              allowClear
              style={{ width: '100%' }}
              value={input.audience.roles}
              disabled={readOnly || (view !== null && view.status !== 'draft')}
              placeholder={t('surveys.web.builder.allRoles')}
              data-testid="builder-roles"
              options={CONTENT_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
              onChange={(roles) => set({ audience: { ...input.audience, roles } })}
            />
          </label>
          <Flex wrap gap={8}>
            <label style={{ flex: '1 1 200px' }}>
              <Typography.Text>{t('surveys.web.builder.field.opensAt')}</Typography.Text>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                disabled={readOnly}
                placeholder={t('surveys.web.builder.whenOpened')}
                value={input.opensAt ? dayjs(input.opensAt) : null}
                data-testid="builder-opens"
                onChange={(v) => set({ opensAt: v ? v.toISOString() : null })}
              />
            </label>
            <label style={{ flex: '1 1 200px' }}>
              <Typography.Text>{t('surveys.web.builder.field.closesAt')}</Typography.Text>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                disabled={readOnly}
                placeholder={t('surveys.web.builder.whenClosed')}
                value={input.closesAt ? dayjs(input.closesAt) : null}
                data-testid="builder-closes"
                onChange={(v) => set({ closesAt: v ? v.toISOString() : null })}
              />
            </label>
          </Flex>
        </Flex>
      </Card>

      <Flex wrap gap={8} align="center" justify="space-between">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('surveys.web.builder.questions', { count: input.questions.length })}
        </Typography.Title>
        <Flex wrap gap={8}>
          {locked || readOnly ? null : (
            <Button
              icon={<ImportOutlined />}
              data-testid="builder-import"
              onClick={() => setImporting(true)}
            >
              {t('surveys.web.import.title')}
            </Button>
          )}
          {view ? (
            <Button href={`/api/surveys/${view.id}/export-text`} data-testid="builder-export-text">
              {t('surveys.web.exportText')}
            </Button>
          ) : null}
          <Button
            icon={<EyeOutlined />}
            data-testid="builder-preview"
            disabled={!input.questions.length}
            onClick={() => setPreview(true)}
          >
            {t('surveys.web.builder.preview')}
          </Button>
        </Flex>
      </Flex>

      {input.questions.map((q, i) => (
        <QuestionEditor
          key={q.id}
          index={i}
          count={input.questions.length}
          question={q}
          {...showIfSources(input.questions, i)}
          locked={locked || readOnly}
          onChange={onQuestionChange}
          onRemoveOption={onRemoveOption}
          onMove={onMove}
          onDelete={onDelete}
        />
      ))}
      {input.questions.length === 0 ? (
        <Typography.Paragraph type="secondary" data-testid="builder-empty">
          {t('surveys.web.builder.noQuestions')}
        </Typography.Paragraph>
      ) : null}
      {locked || readOnly || input.questions.length >= MAX_QUESTIONS ? null : (
        <Dropdown
          trigger={['click']}
          menu={{
            items: QUESTION_TYPES.map((type) => ({
              key: type,
              label: (
                <span data-testid={`builder-add-${type}`}>{t(`surveys.web.type.${type}`)}</span>
              ),
            })),
            onClick: ({ key }) => addQuestion(key as Question['type']),
          }}
        >
          <Button type="dashed" block icon={<PlusOutlined />} data-testid="builder-add">
            {t('surveys.web.builder.addQuestion')}
          </Button>
        </Dropdown>
      )}

      {problems.length ? (
        <Alert
          type="error"
          showIcon
          data-testid="builder-problems"
          title={t('surveys.web.builder.fix')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {problems.map((p, i) => (
                <li key={i}>{problemText(p)}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <ErrorAlert error={error} testId="builder-error" />
      {readOnly ? null : (
        <Button
          type="primary"
          size="large"
          loading={busy}
          data-testid="builder-save"
          onClick={() => void save()}
        >
          {t('surveys.web.builder.save')}
        </Button>
      )}

      <ImportTextModal
        open={importing}
        hasQuestions={input.questions.length > 0}
        onClose={() => setImporting(false)}
        onUse={applyImported}
      />
      <PhonePreview
        open={preview}
        title={input.title}
        description={input.description}
        anonymous={input.anonymous}
        questions={input.questions}
        onClose={() => setPreview(false)}
      />
    </Flex>
  );
}

/** The answering form as staff will see it, inside a 360-px frame (show-if works live). */
export function PhonePreview({
  open,
  title,
  description,
  anonymous,
  questions,
  onClose,
}: {
  open: boolean;
  title: string;
  description: string;
  anonymous: boolean;
  questions: Question[];
  onClose: () => void;
}) {
  const t = useT();
  const [answers, setAnswers] = useState<Answers>({});
  return (
    <Modal
      open={open}
      title={t('surveys.web.builder.preview')}
      onCancel={onClose}
      footer={null}
      width={420}
      destroyOnHidden
      afterClose={() => setAnswers({})}
    >
      <div
        data-testid="builder-preview-frame"
        style={{
          width: 360,
          maxWidth: '100%',
          height: 640,
          margin: '0 auto',
          overflowY: 'auto',
          border: '8px solid #222',
          borderRadius: 24,
          padding: 12,
          background: '#f5f5f5',
          boxSizing: 'border-box',
        }}
      >
        <Typography.Title level={5}>{title || t('surveys.web.builder.untitled')}</Typography.Title>
        {description ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
            {description}
          </Typography.Paragraph>
        ) : null}
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={anonymous ? t('surveys.web.anonymous.title') : t('surveys.web.named.title')}
        />
        <SurveyQuestions questions={questions} answers={answers} onChange={setAnswers} />
        <Button type="primary" block style={{ marginTop: 12 }} disabled>
          {t('surveys.web.answer.submit')}
        </Button>
      </div>
    </Modal>
  );
}
