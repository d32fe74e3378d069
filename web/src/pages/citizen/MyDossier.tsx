import { useState } from 'react';
import { Alert, App, Button, Form, Input, Radio, Tag } from 'antd';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { Loading } from '../../components/Status';
import { useApiForm } from '../../lib/apiForm';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { ActionDialog, unsupported } from '../dossiers/ActionDialog';
import type { AllowedAction, DossierDetail } from '../dossiers/types';
import './i18n';
import { FormsCard } from '../forms/FormsCard';

const RATINGS = ['very_satisfied', 'satisfied', 'dissatisfied'] as const;

/**
 * /ca-nhan/ho-so/:id — one of the citizen's dossiers: where it stands, what was asked, the
 * actions open to the applicant (withdraw, answer a supplement request…) and, once the result is
 * returned, the satisfaction rating (once per dossier).
 */
export default function MyDossier() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = i18n.language;
  const en = lang === 'en';
  const dossier = useApi<DossierDetail>(`/dossiers/${id}`);
  const [acting, setActing] = useState<AllowedAction | null>(null);
  const submitted = (useLocation().state as { submitted?: string } | null)?.submitted;
  usePageTitle(dossier.data ? dossier.data.procedure.name : t('my.title'));

  if (dossier.error) return <ErrorBox error={dossier.error} onRetry={dossier.reload} />;
  if (!dossier.data) return <Loading />;
  const d = dossier.data;
  const canRate = (d.status === 'returned' || d.status === 'archived') && !d.rating;
  const openPause = d.flags.paused;
  const actions = d.allowedActions.filter((a) => unsupported(a).length === 0);

  return (
    <article className="sheet" aria-labelledby="my-dossier-title">
      <p style={{ marginTop: 0 }}>
        <Link to="/ca-nhan/ho-so">← {t('my.title')}</Link>
      </p>
      <h1 id="my-dossier-title" className="page-title">
        {d.procedure.name}
      </h1>
      <p>
        <span style={{ fontFamily: 'monospace' }}>{d.code}</span>{' '}
        <Tag color={d.flags.overdue ? 'red' : 'blue'} data-testid="my-status">
          {en ? d.statusLabel.en : d.statusLabel.vi}
        </Tag>
      </p>
      {submitted && submitted === d.code && <Alert type="success" showIcon className="form-error" role="status" title={t('cz.submitted', { code: d.code })} />}
      {openPause && <Alert type="warning" showIcon className="form-error" title={t('my.paused')} />}
      {(d.status === 'supplement_requested' || d.status === 'intake_supplement') && (
        <SupplementAnswer dossier={d} actionLabel={actions.find((a) => a.action === 'complete_supplement' || a.action === 'resubmit')} onChanged={dossier.reload} />
      )}
      <dl className="facts">
        <dt>{t('track.receivingUnit')}</dt>
        <dd>{d.receivingUnit?.name ?? ''}</dd>
        {d.times.receivedAt && (
          <>
            <dt>{t('track.receivedAt')}</dt>
            <dd>{formatDateTime(d.times.receivedAt, lang)}</dd>
          </>
        )}
        {d.appointmentAt && (
          <>
            <dt>{t('track.appointment')}</dt>
            <dd>
              <strong>{formatDateTime(d.appointmentAt, lang)}</strong>
              {d.remaining && <div className="muted">{en ? d.remaining.textEn : d.remaining.textVi}</div>}
            </dd>
          </>
        )}
      </dl>

      {actions.length > 0 && (
        <>
          <h2>{t('my.actions')}</h2>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="my-actions">
            {actions.map((a) => (
              <Button key={a.action} onClick={() => setActing(a)} data-testid={`action-${a.action}`}>
                {en ? a.labelEn : a.labelVi}
              </Button>
            ))}
          </div>
        </>
      )}

      {canRate && <RatingForm dossierId={d.id} onRated={dossier.reload} />}
      {d.rating && (
        <p data-testid="my-rating">
          {t('my.rated', { rating: t(`ratings.${d.rating.rating}`), time: formatDateTime(d.rating.at, lang) })}
        </p>
      )}

      {d.forms.some((k) => k !== 'control_slip') && (
        <FormsCard dossierId={d.id} forms={d.forms.filter((k) => k !== 'control_slip')} base="/ca-nhan/ho-so" />
      )}

      <h2>{t('track.timeline')}</h2>
      <ol className="timeline">
        {d.events.map((e) => (
          <li key={e.seq}>
            <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
            <span>{en ? e.label.en : e.label.vi}</span>
            {e.reason && <div className="muted">{t('dossier.reasonText', { text: e.reason })}</div>}
          </li>
        ))}
      </ol>

      {acting && (
        <ActionDialog
          dossier={d}
          action={acting}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            message.success(t('dossier.actionDone', { action: en ? acting.labelEn : acting.labelVi }));
            dossier.reload();
          }}
          onStale={() => {
            setActing(null);
            dossier.reload();
          }}
        />
      )}
    </article>
  );
}

function RatingForm({ dossierId, onRated }: { dossierId: string; onRated: () => void }) {
  const { t } = useTranslation();
  const f = useApiForm<{ rating: string; comment?: string }>({ draftKey: `rating:${dossierId}` });
  const onFinish = f.run(async (v) => {
    await api(`/dossiers/${dossierId}/rating`, { method: 'POST', body: { rating: v.rating, comment: v.comment?.trim() || undefined } });
    onRated();
  });
  return (
    <section aria-labelledby="rate-title">
      <h2 id="rate-title">{t('my.rateTitle')}</h2>
      <FormErrorAlert state={f.state} />
      <Form form={f.form} name="rating" layout="vertical" initialValues={f.initialValues({})} onValuesChange={f.onValuesChange} onFinish={onFinish}>
        <Form.Item label={t('my.rateQuestion')} name="rating" rules={[{ required: true, message: t('my.rateRequired') }]}>
          <Radio.Group options={RATINGS.map((r) => ({ value: r, label: t(`ratings.${r}`) }))} />
        </Form.Item>
        <Form.Item label={t('my.comment')} name="comment">
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="rate-submit">
          {t('my.rateSubmit')}
        </Button>
      </Form>
    </section>
  );
}

type Pause = { to: string | null; note: string | null; items: { code: string; name?: string; note?: string | null }[] | null };

/**
 * What the office asked for (the open pause's items during appraisal, the request's reason at
 * intake) and an upload per document; the applicant then sends the answer with the
 * «complete supplement» / «resubmit» action above.
 */
function SupplementAnswer({ dossier: d, actionLabel, onChanged }: { dossier: DossierDetail; actionLabel?: AllowedAction; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const pause = ((d as unknown as { pauses?: Pause[] }).pauses ?? []).find((p) => p.to === null);
  const request = [...d.events].reverse().find((e) => e.action === 'request_supplement' || e.action === 'request_intake_supplement');
  const asked = new Set((pause?.items ?? []).map((i) => i.code));
  const components = asked.size ? d.components.filter((c) => asked.has(c.code)) : d.components;
  const reason = request?.reason ?? pause?.note;

  async function upload(code: string, file: File) {
    setBusy(code);
    setErrors(({ [code]: _drop, ...rest }) => rest);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      await api(`/dossiers/${d.id}/files`, { method: 'POST', query: { component: code }, body });
      setDone(file.name);
      onChanged();
    } catch (err) {
      setErrors((e) => ({ ...e, [code]: err instanceof ApiError ? err.text(i18n.language) : String(err) }));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="supp-title" data-testid="supplement-request">
      <h2 id="supp-title">{t('cz.supplementTitle')}</h2>
      {reason && <p>{t('cz.supplementReason', { text: reason })}</p>}
      {actionLabel && <p className="muted">{t('cz.supplementIntro', { action: en ? actionLabel.labelEn : actionLabel.labelVi })}</p>}
      {done && <Alert type="success" showIcon role="status" className="form-error" title={t('cz.uploaded', { name: done })} />}
      <ul style={{ listStyle: 'none', padding: 0 }}>
        {components.map((c) => {
          const note = pause?.items?.find((i) => i.code === c.code)?.note;
          return (
            <li key={c.code} style={{ marginBottom: 16 }}>
              <label htmlFor={`supp-${c.code}`} style={{ display: 'block', fontWeight: 600 }}>
                {c.name}
              </label>
              {note && <div className="muted">{note}</div>}
              {c.files.length > 0 && (
                <div className="muted">
                  {t('cz.files')}: {c.files.map((f) => f.name ?? '').join(', ')}
                </div>
              )}
              <input
                id={`supp-${c.code}`}
                type="file"
                disabled={busy !== null}
                aria-invalid={!!errors[c.code]}
                aria-describedby={errors[c.code] ? `supp-${c.code}-help` : undefined}
                style={{ maxWidth: '100%' }}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void upload(c.code, file);
                  e.target.value = '';
                }}
              />
              {errors[c.code] && (
                <div id={`supp-${c.code}-help`} className="ant-form-item-explain-error" role="alert">
                  {errors[c.code]}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
