import { useEffect } from 'react';
import { Form, Input, InputNumber, Modal, Radio, Select, Slider, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useT } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import { testId } from '../../components/testId';
import { useDepartments } from '../org/api';
import { POOL_STATUSES, type PoolEntry, type PoolWeights } from './types';

const LEVELS = [1, 2, 3, 4, 5] as const;

/** A 1–5 choice; Form.Item hands it `value` and `onChange`. */
function LevelRadio(props: { id: string; value?: number; onChange?: (v: number) => void }) {
  const t = useT();
  return (
    <Radio.Group
      data-testid={props.id}
      optionType="button"
      value={props.value}
      onChange={(e) => props.onChange?.(e.target.value as number)}
      options={LEVELS.map((l) => ({ value: l, label: t(`pool.level.${l}`) }))}
    />
  );
}

/** The office's judgement of a matter: urgency, feasibility, status. */
export function AssessModal(props: {
  entry: PoolEntry | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ urgency: number; feasibility: number; status: string }>();
  const save = useMutation({
    mutationFn: (v: { urgency: number; feasibility: number; status: string }) =>
      api.patch(`/api/pool/${props.entry!.id}`, v),
    onSuccess: props.onSaved,
  });
  useEffect(() => {
    if (props.entry) {
      form.setFieldsValue({
        urgency: props.entry.urgency,
        feasibility: props.entry.feasibility,
        status: props.entry.status,
      });
      save.reset();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.entry]);
  return (
    <Modal
      open={!!props.entry}
      title={props.entry ? t('pool.assessTitle', { title: props.entry.title }) : ''}
      onCancel={props.onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      confirmLoading={save.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={testId('pool-assess-save')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="urgency" label={t('pool.form.urgency')} rules={[{ required: true }]}>
          <LevelRadio id="pool-urgency" />
        </Form.Item>
        <Form.Item
          name="feasibility"
          label={t('pool.form.feasibility')}
          rules={[{ required: true }]}
        >
          <LevelRadio id="pool-feasibility" />
        </Form.Item>
        <Form.Item name="status" label={t('pool.col.status')}>
          <Select
            data-testid="pool-status"
            options={POOL_STATUSES.map((s) => ({ value: s, label: t(`pool.status.${s}`) }))}
          />
        </Form.Item>
      </Form>
      <ErrorAlert error={save.error} />
    </Modal>
  );
}

interface NewEntry {
  title: string;
  category?: string;
  departmentId?: number;
  peopleAffected: number;
  urgency: number;
  feasibility: number;
}

/** A matter raised outside the channels (a forum, a visit), recorded by the office. */
export function AddEntryModal(props: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm<NewEntry>();
  const departments = useDepartments();
  const save = useMutation({
    mutationFn: (v: NewEntry) => api.post('/api/pool', { ...v, category: v.category || null }),
    onSuccess: () => {
      form.resetFields();
      props.onSaved();
    },
  });
  return (
    <Modal
      open={props.open}
      title={t('pool.add')}
      onCancel={props.onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      confirmLoading={save.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={testId('pool-add-save')}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ peopleAffected: 1, urgency: 3, feasibility: 3 }}
      >
        <Form.Item
          name="title"
          label={t('pool.form.title')}
          rules={[{ required: true, min: 2, max: 200 }]}
        >
          <Input data-testid="pool-title" maxLength={200} />
        </Form.Item>
        <Form.Item name="category" label={t('pool.form.category')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('pool.form.department')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={(departments.data?.items ?? [])
              .filter((d) => d.active)
              .map((d) => ({ value: d.id, label: d.path }))}
          />
        </Form.Item>
        <Form.Item name="peopleAffected" label={t('pool.form.people')} rules={[{ required: true }]}>
          <InputNumber min={1} max={100000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="urgency" label={t('pool.form.urgency')}>
          <LevelRadio id="pool-new-urgency" />
        </Form.Item>
        <Form.Item name="feasibility" label={t('pool.form.feasibility')}>
          <LevelRadio id="pool-new-feasibility" />
        </Form.Item>
      </Form>
      <ErrorAlert error={save.error} />
    </Modal>
  );
}

const WEIGHT_KEYS: Array<keyof PoolWeights> = [
  'peopleAffected',
  'meToo',
  'repeats',
  'urgency',
  'feasibility',
];

/** The unit's ranking weights; saving re-ranks every matter. */
export function WeightsModal(props: {
  weights: PoolWeights | undefined;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<PoolWeights>();
  const save = useMutation({
    mutationFn: (v: PoolWeights) => api.put('/api/pool/weights', v),
    onSuccess: props.onSaved,
  });
  useEffect(() => {
    if (props.open && props.weights) form.setFieldsValue(props.weights);
  }, [props.open, props.weights, form]);
  return (
    <Modal
      open={props.open}
      title={t('pool.weights')}
      onCancel={props.onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      confirmLoading={save.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
    >
      <Typography.Paragraph type="secondary">{t('pool.weightsHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        {WEIGHT_KEYS.map((k) => (
          <Form.Item key={k} name={k} label={t(`pool.weight.${k}`)}>
            <Slider min={0} max={3} step={0.5} marks={{ 0: '0', 1: '1', 2: '2', 3: '3' }} />
          </Form.Item>
        ))}
      </Form>
      <ErrorAlert error={save.error} />
    </Modal>
  );
}
