import { useState } from 'react';
import { Alert, App, Button, Form, Input, Radio, Select, Tag } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { Loading } from '../../components/Status';
import { useApiForm } from '../../lib/apiForm';
import { formatDate, formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { FilesCard } from '../letters/FilesCard';
import '../letters/i18n';
import './i18n';

interface Label { vi: string; en: string }
interface MyLetter {
  id: string;
  code: string;
  unitName: string | null;
  receivedAt: string;
  contentTypeLabel: Label;
  summary: string;
  status: string;
  statusLabel: Label;
  dueAt: string | null;
}
interface Office { unitId: string; unitName: string; name: string }
interface Values { unitId: string; contentType: string; summary: string; content?: string; respondentName?: string }

const CONTENT_TYPES = ['complaint', 'denunciation', 'petition', 'feedback'] as const;
const lbl = (l: Label, lang: string) => (lang.startsWith('en') ? l.en : l.vi);

/** /ca-nhan/don-thu — the signed-in citizen's letters (complaints, denunciations, petitions) sent online. */
export default function MyLetters() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  usePageTitle(t('cz.lettersTitle'));
  const [params] = useSearchParams();
  const sent = params.get('sent');
  const list = useApi<{ total: number; items: MyLetter[] }>('/letters');
  // The letter just sent opens with its attachments, where the sender can add documents.
  const [open, setOpen] = useState<Set<string>>(() => new Set(params.get('id') ? [params.get('id')!] : []));
  const toggle = (id: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  return (
    <>
      <div className="page-head">
        <h1 className="page-title">{t('cz.lettersTitle')}</h1>
        <Link className="ant-btn ant-btn-primary" to="/ca-nhan/gui-don" data-testid="letter-new">
          {t('cz.letterNew')}
        </Link>
      </div>
      {sent && (
        <Alert type="success" showIcon role="status" title={t('cz.letterSent', { code: sent })} description={t('cz.letterFilesHint')} style={{ marginBottom: 16 }} data-testid="letter-sent" />
      )}
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.items.length === 0 && <p>{t('cz.lettersNone')}</p>}
      {list.data && list.data.items.length > 0 && (
        <ul className="proc-list" data-testid="my-letters">
          {list.data.items.map((l) => (
            <li key={l.id} className="proc-item">
              <h2 style={{ fontSize: 16, margin: '0 0 6px' }}>{l.summary}</h2>
              <div className="proc-meta">
                <span style={{ fontFamily: 'monospace' }}>{l.code}</span>
                <Tag color="blue">{lbl(l.statusLabel, lang)}</Tag>
                <span>{lbl(l.contentTypeLabel, lang)}</span>
                {l.unitName && <span>{l.unitName}</span>}
                <span>{t('cz.letterReceived', { at: formatDateTime(l.receivedAt, lang) })}</span>
                {l.dueAt && <span>{t('cz.letterDue', { date: formatDate(l.dueAt.slice(0, 10)) })}</span>}
              </div>
              <Button
                type="link"
                style={{ paddingInline: 0 }}
                aria-expanded={open.has(l.id)}
                aria-controls={`letter-files-${l.id}`}
                onClick={() => toggle(l.id)}
                data-testid="letter-files-toggle"
              >
                {t('cz.letterFiles')}
              </Button>
              {open.has(l.id) && (
                <div id={`letter-files-${l.id}`}>
                  <FilesCard base={`/letters/${l.id}`} kind="letter" />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** /ca-nhan/gui-don — send a letter online, as oneself (name, ID and contact come from the account). */
export function SubmitLetter() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('cz.letterNew'));
  const { message } = App.useApp();
  const navigate = useNavigate();
  const offices = useApi<{ offices: Office[] }>('/reception-schedule');
  const f = useApiForm<Values>({ draftKey: 'letter-online' });
  const contentType = Form.useWatch('contentType', f.form);
  const onFinish = f.run(async (v) => {
    const body = {
      unitId: v.unitId,
      contentType: v.contentType,
      summary: v.summary.trim(),
      ...(v.content?.trim() ? { content: v.content.trim() } : {}),
      ...(v.respondentName?.trim() ? { respondent: { name: v.respondentName.trim() } } : {}),
    };
    const l = await api<MyLetter>('/letters/online', { method: 'POST', body, idempotencyKey: f.idempotencyKey() });
    message.success(t('cz.letterSent', { code: l.code }));
    navigate(`/ca-nhan/don-thu?sent=${encodeURIComponent(l.code)}&id=${encodeURIComponent(l.id)}`);
  });
  const units = [...new Map((offices.data?.offices ?? []).map((o) => [o.unitId, { value: o.unitId, label: o.unitName }])).values()];
  return (
    <>
      <p>
        <Link to="/ca-nhan/don-thu">← {t('cz.lettersTitle')}</Link>
      </p>
      <h1 className="page-title">{t('cz.letterNew')}</h1>
      <p className="muted">{t('cz.letterIntro')}</p>
      {offices.error && <ErrorBox error={offices.error} onRetry={offices.reload} />}
      <div className="card" style={{ maxWidth: 860 }}>
        {f.restored && (
          <Alert type="info" showIcon title={t('drafts.restored')} action={<Button size="small" onClick={f.discardDraft}>{t('drafts.discard')}</Button>} style={{ marginBottom: 12 }} />
        )}
        <FormErrorAlert state={f.state} />
        <Form form={f.form} name="letter-online" layout="vertical" initialValues={f.initialValues({ contentType: 'petition' })} onValuesChange={f.onValuesChange} onFinish={onFinish} scrollToFirstError>
          <Form.Item label={t('cz.letterType')} name="contentType" rules={[{ required: true, message: t('cz.required') }]}>
            <Radio.Group options={CONTENT_TYPES.map((c) => ({ value: c, label: t(`cz.letterTypes.${c}`) }))} />
          </Form.Item>
          {contentType === 'denunciation' && <Alert type="warning" showIcon title={t('cz.denunciationNote')} style={{ marginBottom: 16 }} data-testid="letter-denunciation-note" />}
          <Form.Item label={t('cz.letterUnit')} name="unitId" extra={t('cz.letterUnitHelp')} rules={[{ required: true, message: t('cz.required') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={offices.loading} options={units} placeholder={t('cz.letterUnit')} data-testid="letter-unit" />
          </Form.Item>
          <Form.Item label={t('cz.letterSummary')} name="summary" rules={[{ required: true, whitespace: true, message: t('cz.required') }, { min: 5, message: t('cz.letterSummaryMin') }]}>
            <Input.TextArea rows={3} maxLength={4000} showCount />
          </Form.Item>
          <Form.Item label={t('cz.letterContent')} name="content" extra={t('cz.letterContentHelp')}>
            <Input.TextArea rows={6} maxLength={20000} />
          </Form.Item>
          <Form.Item label={t('cz.letterRespondent')} name="respondentName">
            <Input maxLength={200} />
          </Form.Item>
          <p className="muted" lang={i18n.language}>{t('cz.letterIdentity')}</p>
          <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="letter-submit">
            {t('cz.letterSubmit')}
          </Button>
        </Form>
      </div>
    </>
  );
}
