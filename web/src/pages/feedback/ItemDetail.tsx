import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { StatusTag, When, lbl, type DetailItem } from './common';

/** An item as its sender or the handling staff see it: facts, dues, answer, photos, history. */
export function ItemDetail({ d, staff, viaSecret = false }: { d: DetailItem; staff: boolean; viaSecret?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <article className="sheet" data-testid="fb-detail">
      <h1 className="page-title" style={{ marginTop: 0 }}>
        {d.title}
      </h1>
      <p>
        <StatusTag status={d.status} label={d.statusLabel} /> <span style={{ fontFamily: 'monospace' }} data-testid="fb-code">{d.code}</span>
      </p>
      <dl className="facts">
        <dt>{t('fb.category')}</dt>
        <dd>
          {d.category.name} ({lbl(d.classLabel, lang)})
        </dd>
        <dt>{t('fb.unit')}</dt>
        <dd data-testid="fb-unit">{d.competentUnit.name}</dd>
        <dt>{t('fb.channel')}</dt>
        <dd>{lbl(d.channelLabel, lang)}</dd>
        <dt>{t('fb.received')}</dt>
        <dd>
          <When at={d.receivedAt} />
        </dd>
        {d.currentDue && (
          <>
            <dt>{d.currentDue.step === 'publish' ? t('fb.duePublish') : t('fb.dueAnswer')}</dt>
            <dd>
              <When at={d.currentDue.at} /> {d.remaining && <span className="muted">({lang.startsWith('en') ? d.remaining.textEn : d.remaining.textVi} – {lang.startsWith('en') ? d.remaining.labelEn : d.remaining.labelVi})</span>}
            </dd>
          </>
        )}
        {staff && d.onTime && (
          <>
            <dt>{t('fb.onTime')}</dt>
            <dd>{d.onTime.onTime ? t('fb.yes') : `${t('fb.no')} (${d.onTime.late.join(', ')})`}</dd>
          </>
        )}
        {(d.location.address || d.commune) && (
          <>
            <dt>{t('fb.location')}</dt>
            <dd>{[d.location.address, d.commune?.name].filter(Boolean).join(', ')}</dd>
          </>
        )}
        {d.contact && (
          <>
            <dt>{t('fb.contactBlock')}</dt>
            <dd>{[d.contact.name, d.contact.phone, d.contact.email].filter(Boolean).join(' · ')}</dd>
          </>
        )}
        {d.handler && (
          <>
            <dt>{t('fb.do_assign')}</dt>
            <dd>{d.handler.name}</dd>
          </>
        )}
      </dl>
      <h2>{t('fb.description')}</h2>
      <p className="prewrap">{d.description}</p>
      {Object.keys(d.attributes ?? {}).length > 0 && (
        <ul className="plain-list">
          {Object.entries(d.attributes).map(([k, v]) => (
            <li key={k}>
              {k}: {Array.isArray(v) ? v.join(', ') : v}
            </li>
          ))}
        </ul>
      )}
      {d.media.length > 0 && (
        <>
          <h2>{t('fb.photos')}</h2>
          <Space wrap>
            {d.media.map((m, i) => {
              // Without an account the original is not reachable; the public copy is.
              const src = viaSecret ? m.publicUrl : m.url;
              return src ? <img key={m.id} src={src} alt={`${t('fb.photos')} ${i + 1}`} style={{ maxWidth: 200, borderRadius: 6, opacity: m.hidden ? 0.5 : 1 }} /> : null;
            })}
          </Space>
        </>
      )}
      {d.supplementRequest && (
        <>
          <h2>{t('fb.supplementRequest')}</h2>
          <p className="prewrap">{d.supplementRequest}</p>
        </>
      )}
      {d.refusalReason && (
        <>
          <h2>{t('fb.refusal')}</h2>
          <p className="prewrap">{d.refusalReason}</p>
        </>
      )}
      {d.answer && (
        <>
          <h2>{t('fb.answer')}</h2>
          <p className="prewrap" data-testid="fb-detail-answer">
            {d.answer.text}
          </p>
        </>
      )}
      {d.rating && (
        <p>
          {t('fb.rating')}: <strong>{lbl(d.rating.label, lang)}</strong>
        </p>
      )}
      <p className="muted">
        {t('fb.likes')}: {d.votes.likes} · {t('fb.dislikes')}: {d.votes.dislikes}
      </p>
      <h2>{t('fb.timeline')}</h2>
      <ol className="timeline" data-testid="fb-timeline">
        {d.timeline.map((e) => (
          <li key={e.id}>
            <When at={e.at} />
            <strong>{lbl(e.label, lang)}</strong>
            {e.actorName ? ` – ${e.actorName}` : ''}
            {e.reason ? `: ${e.reason}` : e.publicNote ? `: ${e.publicNote}` : ''}
          </li>
        ))}
      </ol>
    </article>
  );
}
