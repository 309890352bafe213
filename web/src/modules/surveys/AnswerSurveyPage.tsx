import { lazy, Suspense, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Result, Typography } from 'antd';
import { api, ApiError } from '../../app/api';
import { useT } from '../../app/locale';
import { queryClient } from '../../app/queryClient';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageSpinner } from '../../components/PageSpinner';
import { usePageTitle } from '../../components/usePageTitle';
import { answerProblems, answersToSend, restoreDraft } from './logic';
import { SurveyTags } from './parts';
import { SurveyQuestions } from './QuestionFields';
import {
  newIdempotencyKey,
  submitResponse,
  surveyKey,
  type Answers,
  type SurveyView,
} from './types';

// Charts load only when someone opens the results (the answering page stays light).
const ResultsView = lazy(() => import('./ResultsView'));

/** 填写问卷 (/surveys/:id), phone first; `?view=results` shows the results to those allowed. */
export default function AnswerSurveyPage() {
  const t = useT();
  usePageTitle('menu.surveys');
  const params = useParams();
  const id = Number(params.id);
  const [search] = useSearchParams();
  const showResults = search.get('view') === 'results';
  const survey = useQuery({
    queryKey: surveyKey(id),
    queryFn: () => api.get<{ survey: SurveyView }>(`/api/surveys/${id}`),
    enabled: Number.isInteger(id) && id > 0 && !showResults,
  });

  if (showResults) {
    return (
      <Suspense fallback={<PageSpinner />}>
        <ResultsView surveyId={id} backTo={`/surveys/${id}`} />
      </Suspense>
    );
  }
  if (!Number.isInteger(id) || id <= 0) {
    return <ErrorAlert error={new ApiError(404, 'NOT_FOUND', 'NOT_FOUND')} />;
  }
  const s = survey.data?.survey;
  return (
    <>
      <PageHeader
        title={s?.title ?? t('menu.surveys')}
        extra={
          s?.abilities.viewResults ? (
            <Link to={`/surveys/${id}?view=results`} data-testid="survey-results-link">
              <Button>{t('surveys.web.answer.results')}</Button>
            </Link>
          ) : null
        }
      />
      <ErrorAlert error={survey.error} onRetry={() => void survey.refetch()} />
      {survey.isPending && !survey.error ? <PageSpinner /> : null}
      {s ? <AnswerForm key={s.id} survey={s} /> : null}
    </>
  );
}

function AnswerForm({ survey: s }: { survey: SurveyView }) {
  const t = useT();
  const [answers, setAnswers] = useState<Answers>(() => restoreDraft(s.questions, s.draft));
  const [restored] = useState(() => Object.keys(restoreDraft(s.questions, s.draft)).length > 0);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  // One key per answer sheet: a retry after a lost answer is not a second response.
  const [key] = useState(newIdempotencyKey);

  const change = (next: Answers) => {
    setAnswers(next);
    setSavedAt(null);
    if (Object.keys(problems).length) {
      // Re-check live once the person was told what is missing.
      setProblems(answerProblems(s.questions, next));
    }
  };

  const saveDraft = async () => {
    setBusy('draft');
    setError(null);
    try {
      const res = await api.put<{ savedAt: string }>(`/api/surveys/${s.id}/draft`, {
        answers: answersToSend(s.questions, answers),
      });
      setSavedAt(res?.savedAt ?? new Date().toISOString());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    const found = answerProblems(s.questions, answers);
    setProblems(found);
    if (Object.keys(found).length) {
      const first = Object.keys(found)[0];
      document
        .querySelector(`[data-testid="survey-q-${first}"]`)
        ?.scrollIntoView?.({ behavior: 'smooth', block: 'center' });
      return;
    }
    setBusy('submit');
    setError(null);
    try {
      await submitResponse(s.id, answersToSend(s.questions, answers), key);
      setDone(true);
      void queryClient.invalidateQueries({ queryKey: ['surveys'] });
    } catch (err) {
      setError(err);
      if (
        err instanceof ApiError &&
        (err.code === 'SURVEY_ALREADY_ANSWERED' || err.code === 'SURVEY_NOT_OPEN')
      ) {
        // The page's state is out of date (answered elsewhere, or closed meanwhile).
        void queryClient.invalidateQueries({ queryKey: surveyKey(s.id) });
      }
      const details = err instanceof ApiError ? (err.details as Record<string, unknown>) : null;
      if (details && typeof details.questionId === 'string') {
        setProblems({
          [details.questionId]: typeof details.problem === 'string' ? details.problem : '',
        });
      }
    } finally {
      setBusy(null);
    }
  };

  if (done || s.answered) {
    return (
      <Result
        status="success"
        data-testid={done ? 'survey-thanks' : 'survey-already-answered'}
        title={done ? t('surveys.web.answer.thanks') : t('surveys.web.answer.alreadyAnswered')}
        subTitle={s.anonymous ? t('surveys.web.answer.thanksAnonymous') : undefined}
        extra={
          <Link to="/surveys" data-testid="survey-back">
            <Button type="primary">{t('surveys.web.answer.back')}</Button>
          </Link>
        }
      />
    );
  }

  const problemCount = Object.keys(problems).length;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 720 }}>
      <Flex wrap gap={8} align="center">
        <SurveyTags survey={s} />
        {s.closesAt ? (
          <Typography.Text type="secondary">
            {t('surveys.web.answer.closesAt', { time: formatDateTime(s.closesAt) })}
          </Typography.Text>
        ) : null}
      </Flex>
      {s.description ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
          {s.description}
        </Typography.Paragraph>
      ) : null}
      <Alert
        type={s.anonymous ? 'info' : 'warning'}
        showIcon
        data-testid={s.anonymous ? 'survey-anonymous-note' : 'survey-named-note'}
        title={s.anonymous ? t('surveys.web.anonymous.title') : t('surveys.web.named.title')}
        description={
          s.anonymous ? t('surveys.web.anonymous.answerer') : t('surveys.web.named.answerer')
        }
      />
      {!s.abilities.answer ? (
        <Alert
          type="warning"
          showIcon
          data-testid="survey-not-open"
          title={t('surveys.web.answer.notOpen')}
        />
      ) : null}
      {restored ? (
        <Alert
          type="success"
          showIcon
          closable
          data-testid="survey-draft-restored"
          title={t('surveys.web.answer.draftRestored')}
        />
      ) : null}
      <SurveyQuestions
        questions={s.questions}
        answers={answers}
        onChange={change}
        problems={problems}
        disabled={!s.abilities.answer || busy !== null}
      />
      <ErrorAlert error={error} testId="survey-error" />
      {problemCount ? (
        <Alert
          type="error"
          showIcon
          data-testid="survey-problems"
          title={t('surveys.web.answer.fixProblems', { count: problemCount })}
        />
      ) : null}
      {s.abilities.answer ? (
        <Card size="small">
          <Flex vertical gap={8}>
            <Button
              type="primary"
              block
              size="large"
              loading={busy === 'submit'}
              disabled={busy === 'draft'}
              data-testid="survey-submit"
              onClick={() => void submit()}
            >
              {t('surveys.web.answer.submit')}
            </Button>
            <Button
              block
              loading={busy === 'draft'}
              disabled={busy === 'submit'}
              data-testid="survey-save-draft"
              onClick={() => void saveDraft()}
            >
              {t('surveys.web.answer.saveDraft')}
            </Button>
            {savedAt ? (
              <Typography.Text type="success" data-testid="survey-draft-saved">
                {t('surveys.web.answer.draftSaved', { time: formatDateTime(savedAt) })}
              </Typography.Text>
            ) : null}
          </Flex>
        </Card>
      ) : null}
    </Flex>
  );
}
