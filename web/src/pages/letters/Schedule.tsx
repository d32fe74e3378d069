import { useTranslation } from 'react-i18next';
import { ErrorBox } from '../../components/ErrorBox';
import { Loading } from '../../components/Status';
import { formatDate } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import './i18n';

interface Schedule {
  offices: { unitId: string; unitName: string; name: string; address: string; phone: string | null; regularSchedule: string }[];
  sessions: { id: string; unitName: string; kind: string; leaderName: string; leaderTitle: string; scheduledOn: string; startTime: string | null; endTime: string | null; location: string | null }[];
}

/** /lich-tiep-cong-dan — public: where citizens are received and the leaders' reception days. */
export default function ReceptionSchedule() {
  const { t } = useTranslation();
  usePageTitle(t('lt.scheduleTitle'));
  const s = useApi<Schedule>('/reception-schedule');
  return (
    <>
      <h1>{t('lt.scheduleTitle')}</h1>
      <p>{t('lt.scheduleIntro')}</p>
      {s.error && <ErrorBox error={s.error} onRetry={s.reload} />}
      {!s.data && !s.error && <Loading />}
      {s.data && (
        <>
          <h2>{t('lt.regular')}</h2>
          <ul className="plain-list" data-testid="lt-offices">
            {s.data.offices.map((o) => (
              <li key={o.unitId} style={{ marginBottom: 12 }}>
                <strong>{o.name}</strong> ({o.unitName})
                <br />
                {o.address}
                {o.phone ? ` · ${o.phone}` : ''}
                <br />
                {o.regularSchedule}
              </li>
            ))}
          </ul>
          <h2>{t('lt.sessions')}</h2>
          {s.data.sessions.length === 0 ? (
            <p>{t('lt.noSessions')}</p>
          ) : (
            <ul className="plain-list" data-testid="lt-sessions">
              {s.data.sessions.map((x) => (
                <li key={x.id} style={{ marginBottom: 8 }}>
                  <strong>{formatDate(x.scheduledOn)}</strong>
                  {x.startTime ? ` ${x.startTime}${x.endTime ? `–${x.endTime}` : ''}` : ''}: {x.leaderName}, {x.leaderTitle} – {x.unitName}
                  {x.location ? ` (${x.location})` : ''}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
