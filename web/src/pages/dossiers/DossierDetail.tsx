import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Space, Tag, Tooltip } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorBox } from '../../components/ErrorBox';
import { ScrollRegion } from '../../components/ScrollRegion';
import { Loading } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { refreshMenuCounts } from '../../layouts/menuCounts';
import { ActionDialog, unsupported } from './ActionDialog';
import { StatusTag } from './DossierQueue';
import { FormsCard } from '../forms/FormsCard';
import type { AllowedAction, DossierDetail as Detail } from './types';

const CLASS_COLOURS: Record<string, string> = { early: 'green', on_time: 'blue', late: 'red' };
const REMAINING_COLOURS: Record<string, string> = { overdue: 'error', due_soon: 'warning' };

function sizeText(bytes: number | null): string {
  if (bytes === null) return '';
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * /can-bo/ho-so/:id — one dossier: applicant, components and their files, the control slip with
 * each hand-over's on-time result, the timeline, the remaining time, and exactly the actions this
 * user may take now (computed by the server's transition table).
 */
export default function DossierDetail() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = i18n.language;
  const en = lang === 'en';
  const dossier = useApi<Detail>(`/dossiers/${id}`);
  const [acting, setActing] = useState<AllowedAction | null>(null);
  usePageTitle(dossier.data ? t('dossier.title', { code: dossier.data.code }) : t('dossier.titlePlain'));

  if (dossier.error) {
    if (dossier.error.status === 404 || dossier.error.status === 403)
      return <Alert type="warning" showIcon role="alert" title={dossier.error.text(lang)} description={<Link to="/can-bo/ho-so">{t('dossier.backToQueue')}</Link>} />;
    return <ErrorBox error={dossier.error} onRetry={dossier.reload} />;
  }
  if (!dossier.data) return <Loading />;
  const d = dossier.data;
  const a = d.applicant;

  return (
    <>
      <div className="page-head">
        <h1>
          <span className="visually-hidden">{t('dossier.titlePlain')} </span>
          <span style={{ fontFamily: 'monospace' }}>{d.code}</span>{' '}
          <span style={{ fontSize: 16, verticalAlign: 'middle' }}>
            <StatusTag status={d.status} vi={d.statusLabel.vi} en={d.statusLabel.en} />
          </span>
        </h1>
        <Link to="/can-bo/ho-so">{t('dossier.backToQueue')}</Link>
      </div>
      <p style={{ marginTop: -8 }}>{d.procedure.name}</p>

      {d.remaining && (
        <Alert
          className="form-error"
          type={(REMAINING_COLOURS[d.remaining.state] as 'error' | 'warning' | undefined) ?? 'info'}
          showIcon
          title={en ? d.remaining.labelEn : d.remaining.labelVi}
          description={
            <span data-testid="remaining">
              {en ? d.remaining.textEn : d.remaining.textVi}
              {d.appointmentAt && <> · {t('dossier.appointmentAt', { time: formatDateTime(d.appointmentAt, lang) })}</>}
            </span>
          }
        />
      )}

      <Card title={<h2 className="card-title">{t('dossier.actions')}</h2>} style={{ marginBottom: 16 }}>
        {d.allowedActions.length === 0 ? (
          <p className="muted" style={{ margin: 0 }} data-testid="no-actions">
            {t('dossier.noActions')}
          </p>
        ) : (
          <Space wrap data-testid="actions">
            {d.allowedActions.map((x, i) => {
              const missing = unsupported(x);
              const button = (
                <Button key={x.action} type={i === 0 ? 'primary' : 'default'} disabled={missing.length > 0} onClick={() => setActing(x)} data-testid={`action-${x.action}`}>
                  {en ? x.labelEn : x.labelVi}
                </Button>
              );
              return missing.length ? (
                <Tooltip key={x.action} title={t('dossier.actionNeedsDirectory')}>
                  <span>{button}</span>
                </Tooltip>
              ) : (
                button
              );
            })}
          </Space>
        )}
      </Card>

      <Card title={<h2 className="card-title">{t('dossier.general')}</h2>} style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'an', label: a.kind === 'organisation' ? t('dossier.organisation') : t('dossier.applicant'), children: a.name },
            { key: 'id', label: a.kind === 'organisation' ? t('dossier.taxCode') : t('dossier.citizenId'), children: (a.kind === 'organisation' ? a.taxCode : a.citizenId) ?? '' },
            { key: 'ad', label: t('dossier.address'), children: a.address ?? '' },
            { key: 'ph', label: t('dossier.phone'), children: [a.phone, a.email].filter(Boolean).join(' · ') },
            { key: 'ch', label: t('dossier.channel'), children: t(`channels.${d.channel}`) },
            { key: 'rc', label: t('dossier.returnChannel'), children: d.returnChannel ? t(`returnChannels.${d.returnChannel}`, { defaultValue: d.returnChannel }) : '' },
            { key: 'ru', label: t('dossier.receivingUnit'), children: d.receivingUnit?.name ?? '' },
            { key: 'cu', label: t('dossier.competentUnit'), children: d.competentUnit?.name ?? '' },
            { key: 'hu', label: t('dossier.holder'), children: [d.holderUnit?.name, d.handler?.name].filter(Boolean).join(' – ') },
            { key: 'du', label: t('dossier.duration'), children: d.duration.textVi },
            { key: 'rt', label: t('dossier.receivedAt'), children: formatDateTime(d.times.receivedAt ?? d.times.submittedAt, lang) },
            { key: 'dt', label: t('dossier.dueAt'), children: formatDateTime(d.times.dueAt, lang) },
            ...(d.times.rescheduledDueAt ? [{ key: 'rs', label: t('dossier.rescheduledDueAt'), children: formatDateTime(d.times.rescheduledDueAt, lang) }] : []),
            ...(d.result.classDay ? [{ key: 'cl', label: t('dossier.result'), children: <Tag color={CLASS_COLOURS[d.result.classDay]}>{t(`classes.${d.result.classDay}`)}</Tag> }] : []),
            ...(d.summary ? [{ key: 'su', label: t('dossier.summary'), children: d.summary }] : []),
          ]}
        />
        {(d.flags.paused || d.flags.rescheduled || d.flags.supplementFlagged || d.flags.transferLate) && (
          <Space wrap style={{ marginTop: 8 }}>
            {d.flags.paused && <Tag color="orange">{t('dossier.flagPaused')}</Tag>}
            {d.flags.rescheduled && <Tag color="gold">{t('dossier.flagRescheduled')}</Tag>}
            {d.flags.supplementFlagged && <Tag color="volcano">{t('dossier.flagSupplement')}</Tag>}
            {d.flags.transferLate && <Tag color="volcano">{t('dossier.flagTransferLate')}</Tag>}
          </Space>
        )}
      </Card>

      <Card title={<h2 className="card-title">{t('dossier.components')}</h2>} style={{ marginBottom: 16 }}>
        <ScrollRegion label={t('dossier.components')}>
          <table className="data-table stack-table" data-testid="components">
            <thead>
              <tr>
                <th scope="col">{t('sheet.componentName')}</th>
                <th scope="col" className="num">
                  {t('sheet.originals')}
                </th>
                <th scope="col" className="num">
                  {t('sheet.certified')}
                </th>
                <th scope="col" className="num">
                  {t('sheet.copies')}
                </th>
                <th scope="col">{t('dossier.received')}</th>
                <th scope="col">{t('dossier.files')}</th>
              </tr>
            </thead>
            <tbody>
              {d.components.map((c) => (
                <tr key={c.code}>
                  <td className="stack-title">
                    {c.name}
                    {c.required && <span className="muted"> ({t('sheet.required').toLowerCase()})</span>}
                  </td>
                  <td className="num" data-label={t('sheet.originals')}>
                    {c.originals}
                  </td>
                  <td className="num" data-label={t('sheet.certified')}>
                    {c.certifiedCopies}
                  </td>
                  <td className="num" data-label={t('sheet.copies')}>
                    {c.copies}
                  </td>
                  <td data-label={t('dossier.received')}>
                    {c.provided ? t('sheet.yes') : t('dossier.no')}
                    {c.digitised && (
                      <>
                        {' '}
                        <Tag>{t('dossier.digitised')}</Tag>
                      </>
                    )}
                    {c.fromDataStore && (
                      <>
                        {' '}
                        <Tag>{t('dossier.fromDataStore')}</Tag>
                      </>
                    )}
                  </td>
                  <td data-label={t('dossier.files')}>
                    {c.files.length === 0
                      ? '—'
                      : c.files.map((f) => (
                          <div key={f.id}>
                            <a href={f.url} target="_blank" rel="noreferrer">
                              {f.name ?? t('dossier.file')}
                            </a>{' '}
                            <span className="muted">{sizeText(f.size)}</span>
                          </div>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </Card>

      <Card title={<h2 className="card-title">{t('dossier.controlSlip')}</h2>} style={{ marginBottom: 16 }}>
        {d.steps.length === 0 ? (
          <p className="muted">{t('dossier.noSteps')}</p>
        ) : (
          <ScrollRegion label={t('dossier.controlSlip')}>
            <table className="data-table stack-table" data-testid="control-slip">
              <thead>
                <tr>
                  <th scope="col">{t('dossier.stepUnit')}</th>
                  <th scope="col">{t('dossier.stepTask')}</th>
                  <th scope="col">{t('dossier.stepReceived')}</th>
                  <th scope="col">{t('dossier.stepDue')}</th>
                  <th scope="col">{t('dossier.stepEnded')}</th>
                  <th scope="col">{t('dossier.stepResult')}</th>
                </tr>
              </thead>
              <tbody>
                {d.steps.map((s) => (
                  <tr key={s.id}>
                    <td className="stack-title">
                      {s.unit?.name ?? ''}
                      {s.assignee?.name && <div className="muted">{s.assignee.name}</div>}
                    </td>
                    <td data-label={t('dossier.stepTask')}>{s.task ?? s.name}</td>
                    <td data-label={t('dossier.stepReceived')}>{formatDateTime(s.receivedAt, lang)}</td>
                    <td data-label={t('dossier.stepDue')}>{formatDateTime(s.dueAt, lang)}</td>
                    <td data-label={t('dossier.stepEnded')}>{formatDateTime(s.endedAt, lang)}</td>
                    <td data-label={t('dossier.stepResult')}>
                      {s.classification ? <Tag color={CLASS_COLOURS[s.classification]}>{t(`classes.${s.classification}`)}</Tag> : s.endedAt ? '' : t('dossier.stepOpen')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </Card>

      <FormsCard dossierId={d.id} forms={d.forms} base="/can-bo/ho-so" />

      <Card title={<h2 className="card-title">{t('dossier.timeline')}</h2>}>
        <ol className="timeline" data-testid="timeline">
          {d.events.map((e) => (
            <li key={e.seq}>
              <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
              <strong>{en ? e.label.en : e.label.vi}</strong>
              {(e.actor || e.actorUnit) && <span className="muted"> — {[e.actor, e.actorUnit?.name].filter(Boolean).join(', ')}</span>}
              {e.reason && <div>{t('dossier.reasonText', { text: e.reason })}</div>}
              {e.legalBasis && <div className="muted">{t('dossier.legalBasisText', { text: e.legalBasis })}</div>}
              {e.dueAfter && e.dueAfter !== e.dueBefore && <div className="muted">{t('dossier.dueChanged', { time: formatDateTime(e.dueAfter, lang) })}</div>}
            </li>
          ))}
        </ol>
      </Card>

      {acting && (
        <ActionDialog
          dossier={d}
          action={acting}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            message.success(t('dossier.actionDone', { action: en ? acting.labelEn : acting.labelVi }));
            dossier.reload();
            refreshMenuCounts();
          }}
          onStale={() => {
            setActing(null);
            dossier.reload();
          }}
        />
      )}
    </>
  );
}
