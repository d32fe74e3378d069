import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Input, Tag } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { Loading } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';

/** What GET /public/dossiers/{code} answers (no personal data beyond a masked name). */
export interface PublicDossier {
  code: string;
  procedureName: string;
  receivingUnit: string;
  applicantName: string;
  channel: string;
  status: string;
  statusLabel: string;
  receivedAt: string | null;
  appointmentAt: string | null;
  appointmentText: string | null;
  rescheduled: boolean;
  resultReadyAt: string | null;
  returnedAt: string | null;
  timeline: { at: string | null; text: string }[];
}

/** Dossier code: <receiving unit>-<YYMMDD>-<sequence> (one-stop.md §6). */
export const DOSSIER_CODE = /^(.+)-(\d{6})-(\d{4,7})$/;

const STATUS_COLOURS: Record<string, string> = {
  returned: 'green',
  resolved: 'cyan',
  returning_by_post: 'cyan',
  supplement_requested: 'orange',
  intake_supplement: 'orange',
  payment_requested: 'orange',
  refused_at_intake: 'red',
  withdrawn: 'default',
  stopped: 'red',
};

/** /tra-cuu and /tra-cuu/:code — track a dossier by its code (the QR code on Mẫu 01 links here). */
export default function Track() {
  const { t, i18n } = useTranslation();
  const { code: routeCode } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const code = routeCode ? decodeURIComponent(routeCode).trim() : '';
  usePageTitle(code ? t('track.titleCode', { code }) : t('track.title'));
  const [input, setInput] = useState(code);
  const [inputError, setInputError] = useState<string | null>(null);
  const inputRef = useRef<any>(null);
  useEffect(() => setInput(code), [code]);

  const valid = !!code && DOSSIER_CODE.test(code);
  const secret = search.get('k') ?? undefined;
  const result = useApi<PublicDossier>(valid ? `/public/dossiers/${encodeURIComponent(code)}` : null, { k: secret });

  const submit = () => {
    const c = input.trim().toUpperCase().replace(/\s+/g, '');
    if (!c) {
      setInputError(t('track.codeRequired'));
      inputRef.current?.focus();
      return;
    }
    if (!DOSSIER_CODE.test(c)) {
      setInputError(t('track.codeFormat'));
      inputRef.current?.focus();
      return;
    }
    setInputError(null);
    navigate(`/tra-cuu/${encodeURIComponent(c)}`);
  };

  const lang = i18n.language;
  const d = result.data;
  return (
    <>
      <h1 className="page-title">{t('track.title')}</h1>
      <div className="card" style={{ marginBottom: 20 }}>
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <label htmlFor="track-code" style={{ display: 'block', fontWeight: 600, marginBottom: 6 }}>
            {t('track.codeLabel')}
          </label>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Input
              id="track-code"
              ref={inputRef}
              value={input}
              onChange={(e) => setInput(e.target.value)}
              placeholder="000.00.01.H55-261109-0001"
              status={inputError ? 'error' : undefined}
              aria-invalid={!!inputError}
              aria-describedby={inputError ? 'track-code-error' : 'track-code-help'}
              autoFocus={!code}
              autoComplete="off"
              spellCheck={false}
              style={{ flex: '1 1 280px', maxWidth: 420 }}
              size="large"
            />
            <Button type="primary" htmlType="submit" size="large">
              {t('track.submit')}
            </Button>
          </div>
          {inputError ? (
            <div id="track-code-error" className="field-error" role="alert">
              {inputError}
            </div>
          ) : (
            <div id="track-code-help" className="muted" style={{ marginTop: 6 }}>
              {t('track.codeHelp')}
            </div>
          )}
        </form>
      </div>

      {code && !valid && <Alert type="error" showIcon title={t('track.codeFormat')} />}
      {valid && result.loading && <Loading />}
      {valid && result.error && (
        <Alert
          type={result.error.status === 404 ? 'warning' : 'error'}
          showIcon
          role="alert"
          title={result.error.status === 404 ? t('track.notFound', { code }) : (result.error as ApiError).text(lang)}
          description={result.error.status === 404 ? t('track.notFoundHint') : undefined}
        />
      )}
      {d && !result.loading && (
        <section className="sheet" aria-labelledby="dossier-heading" data-testid="track-result">
          <h2 id="dossier-heading" style={{ marginTop: 0, borderBottom: 0 }}>
            {t('track.dossier')} <span style={{ fontFamily: 'monospace' }}>{d.code}</span>
          </h2>
          <p style={{ fontSize: 16 }}>
            <Tag color={STATUS_COLOURS[d.status] ?? 'blue'} style={{ fontSize: 14, padding: '2px 10px' }}>
              {t(`dossierStatus.${d.status}`, { defaultValue: d.statusLabel })}
            </Tag>
          </p>
          <dl className="facts">
            <dt>{t('track.procedure')}</dt>
            <dd>{d.procedureName}</dd>
            <dt>{t('track.applicant')}</dt>
            <dd>{d.applicantName}</dd>
            <dt>{t('track.receivingUnit')}</dt>
            <dd>{d.receivingUnit}</dd>
            <dt>{t('track.channel')}</dt>
            <dd>{d.channel}</dd>
            {d.receivedAt && (
              <>
                <dt>{t('track.receivedAt')}</dt>
                <dd>{formatDateTime(d.receivedAt, lang)}</dd>
              </>
            )}
            {d.appointmentAt && (
              <>
                <dt>{t('track.appointment')}</dt>
                <dd>
                  <strong>{formatDateTime(d.appointmentAt, lang)}</strong>
                  {d.rescheduled && <div className="muted">{t('track.rescheduled')}</div>}
                </dd>
              </>
            )}
            {d.resultReadyAt && (
              <>
                <dt>{t('track.resultReady')}</dt>
                <dd>{formatDateTime(d.resultReadyAt, lang)}</dd>
              </>
            )}
            {d.returnedAt && (
              <>
                <dt>{t('track.returnedAt')}</dt>
                <dd>{formatDateTime(d.returnedAt, lang)}</dd>
              </>
            )}
          </dl>
          <h2>{t('track.timeline')}</h2>
          {d.timeline.length === 0 ? (
            <p className="muted">{t('track.noEvents')}</p>
          ) : (
            <ol className="timeline">
              {d.timeline.map((e, i) => (
                <li key={i}>
                  {e.at && <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>}
                  <span>{e.text}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </>
  );
}
