import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Form, Input, Select, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, buildUrl, newIdempotencyKey } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { Loading } from '../../components/Status';
import { useApiForm } from '../../lib/apiForm';
import { useApi } from '../../lib/useApi';
import { SimpleTable, When } from './common';

export interface FileItem {
  id: string;
  name: string;
  title: string | null;
  mime: string;
  sizeBytes: number;
  uploadedAt: string | null;
  uploadedBy: string | null;
  documentId: string | null;
  documentSeq: number | null;
  documentTitle: string | null;
  protected: boolean;
  url: string;
}

/** GET /letters/:id/files and /receptions/:id/files (POST answers the same, with `attached`). */
export interface FileListing {
  protected: boolean;
  entitled: boolean;
  breakGlass: boolean;
  mayBreakGlass: boolean;
  mayUpload: boolean;
  purposeMinLength: number;
  total: number;
  hidden: number;
  maxUploadBytes: number;
  maxFiles: number;
  acceptedTypes: string[];
  items: FileItem[];
}

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,.docx,.xlsx,.odt';

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 102.4) / 10} KB`;
  return `${mb(bytes)} MB`;
}
const typeLabel = (mime: string) =>
  ({ 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/tiff': 'TIFF' } as Record<string, string>)[mime] ?? mime.split('/').pop()?.split('.').pop()?.toUpperCase() ?? mime;

/**
 * "Tệp đính kèm / bản quét" of a letter (`base` = /letters/:id) or a visit (/receptions/:id): the
 * files as the server lets this user know them, each opening in the browser (PDF and images
 * inline); for a protected record (denunciation) a purpose before any file opens (the server
 * audits every opening), only a count for users who are not entitled, break-glass for supervisors;
 * the upload control only for users who may act on the record.
 */
export function FilesCard({
  base,
  kind,
  documents = [],
  onUploaded,
}: {
  base: string;
  kind: 'letter' | 'visit';
  documents?: { id: string; seq: number; title: string }[];
  /** After an upload (e.g. reload the record, whose history gained the events). */
  onUploaded?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const list = useApi<FileListing>(`${base}/files`);
  const [fresh, setFresh] = useState<FileListing | null>(null);
  useEffect(() => setFresh(null), [list.data]);
  const d = fresh ?? list.data;
  const [purpose, setPurpose] = useState('');
  const [purposeError, setPurposeError] = useState(false);
  const [glassError, setGlassError] = useState<ApiError | null>(null);
  const [attached, setAttached] = useState<number | null>(null);
  const prefix = kind === 'letter' ? 'lt-files' : 'lt-visit-files';
  const purposeOk = !!d && purpose.trim().length >= d.purposeMinLength;

  const href = (f: FileItem) => (f.protected ? buildUrl(f.url, { purpose: purpose.trim(), breakGlass: d?.breakGlass ? true : undefined }) : f.url);
  const breakGlass = async () => {
    setGlassError(null);
    if (!purposeOk) {
      setPurposeError(true);
      return;
    }
    try {
      setFresh(await api<FileListing>(`${base}/files`, { query: { purpose: purpose.trim(), breakGlass: true } }));
    } catch (e) {
      setGlassError(e as ApiError);
    }
  };

  return (
    <section aria-labelledby={`${prefix}-h`} className="card" style={{ marginTop: 20 }} data-testid={prefix}>
      <h2 id={`${prefix}-h`} style={{ marginTop: 0, fontSize: 18 }}>
        {t(kind === 'letter' ? 'lt.files.title' : 'lt.files.titleVisit')}
      </h2>
      <p>{t('lt.files.help')}</p>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {!d && !list.error && <Loading />}
      {d && (
        <>
          {d.hidden > 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('lt.files.hidden', { n: d.hidden })} data-testid={`${prefix}-hidden`} />}
          {d.protected && (d.items.length > 0 || d.mayBreakGlass) && (
            <div style={{ marginBottom: 12, maxWidth: 640 }}>
              {d.items.length > 0 && <p>{t('lt.files.protectedHelp')}</p>}
              {d.hidden > 0 && d.mayBreakGlass && (
                <p>
                  <strong>{t('lt.files.breakGlass')}</strong>: {t('lt.files.breakGlassHelp')}
                </p>
              )}
              <label htmlFor={`${prefix}-purpose`}>{t('lt.files.purpose')}</label>
              <div style={{ display: 'flex', gap: 8 }}>
                <Input
                  id={`${prefix}-purpose`}
                  value={purpose}
                  maxLength={500}
                  aria-invalid={purposeError && !purposeOk}
                  aria-describedby={purposeError && !purposeOk ? `${prefix}-purpose-error` : undefined}
                  onChange={(e) => {
                    setPurpose(e.target.value);
                    setPurposeError(false);
                  }}
                />
                {d.hidden > 0 && d.mayBreakGlass && (
                  <Button onClick={breakGlass} data-testid={`${prefix}-break-glass`}>
                    {t('lt.files.breakGlassSubmit')}
                  </Button>
                )}
              </div>
              {purposeError && !purposeOk && (
                <div id={`${prefix}-purpose-error`} role="alert" className="ant-form-item-explain-error" style={{ marginTop: 4 }}>
                  {t('lt.files.purposeShort', { n: d.purposeMinLength })}
                </div>
              )}
              {glassError && <Alert style={{ marginTop: 8 }} type="error" role="alert" showIcon title={glassError.text(i18n.language)} />}
            </div>
          )}
          {d.items.length === 0 && d.hidden === 0 ? (
            <p data-testid={`${prefix}-none`}>{t('lt.files.none')}</p>
          ) : d.items.length > 0 ? (
            <SimpleTable
              testId={`${prefix}-list`}
              rows={d.items}
              columns={[
                {
                  title: t('lt.files.name'),
                  dataIndex: 'name',
                  render: (v: string, f: FileItem) => (
                    <a
                      href={href(f)}
                      target="_blank"
                      rel="noopener noreferrer"
                      data-testid={`${prefix}-open`}
                      onClick={(e) => {
                        if (f.protected && !purposeOk) {
                          e.preventDefault();
                          setPurposeError(true);
                        }
                      }}
                    >
                      {v}
                    </a>
                  ),
                },
                { title: t('lt.files.fileTitle'), dataIndex: 'title' },
                ...(kind === 'visit'
                  ? [{ title: t('lt.files.document'), dataIndex: 'documentTitle', render: (v: string | null, f: FileItem) => (v ? `${f.documentSeq}. ${v}` : '') }]
                  : []),
                { title: t('lt.files.type'), dataIndex: 'mime', render: (v: string) => typeLabel(v) },
                { title: t('lt.files.size'), dataIndex: 'sizeBytes', render: (v: number) => size(v) },
                { title: t('lt.files.uploadedAt'), dataIndex: 'uploadedAt', render: (v: string) => <When at={v} /> },
                { title: t('lt.files.uploadedBy'), dataIndex: 'uploadedBy' },
              ]}
            />
          ) : null}
          {attached !== null && <Alert style={{ marginTop: 12 }} type="success" showIcon role="status" title={t('lt.files.uploaded', { n: attached })} data-testid={`${prefix}-done`} />}
          {d.mayUpload && (
            <UploadForm
              url={`${base}/files`}
              prefix={prefix}
              listing={d}
              documents={kind === 'visit' ? documents : []}
              onDone={(r) => {
                setAttached(r.attached);
                setFresh(r);
                onUploaded?.();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

function UploadForm({
  url,
  prefix,
  listing,
  documents,
  onDone,
}: {
  url: string;
  prefix: string;
  listing: FileListing;
  documents: { id: string; seq: number; title: string }[];
  onDone: (r: FileListing & { attached: number }) => void;
}) {
  const { t } = useTranslation();
  const f = useApiForm<{ files?: UploadFile[]; title?: string; documentId?: string }>();
  // One key per attempt: a retry after a lost answer reuses it; a change of input starts a new one.
  const key = useRef<string | null>(null);
  const onFinish = f.run(async (v) => {
    const body = new FormData();
    for (const file of v.files ?? []) if (file.originFileObj) body.append('files', file.originFileObj, file.name);
    if (v.title?.trim()) body.append('title', v.title.trim());
    if (v.documentId) body.append('documentId', v.documentId);
    key.current ??= newIdempotencyKey();
    const r = await api<FileListing & { attached: number }>(url, { method: 'POST', body, idempotencyKey: key.current });
    key.current = null;
    f.form.resetFields();
    onDone(r);
  });
  const maxMb = mb(listing.maxUploadBytes);
  return (
    <Form
      form={f.form}
      name={prefix}
      layout="vertical"
      onFinish={onFinish}
      onValuesChange={() => {
        key.current = null;
      }}
      style={{ maxWidth: 720, marginTop: 16 }}
    >
      <FormErrorAlert state={f.state} />
      <Form.Item
        name="files"
        label={t('lt.files.pick')}
        extra={t('lt.files.pickHelp', { n: listing.maxFiles, mb: maxMb })}
        valuePropName="fileList"
        getValueFromEvent={(e: { fileList?: UploadFile[] } | UploadFile[]) => (Array.isArray(e) ? e : e?.fileList)}
        rules={[
          { required: true, type: 'array', min: 1, message: t('lt.required') },
          {
            validator: async (_r, files: UploadFile[] | undefined) => {
              const list = files ?? [];
              if (list.length > listing.maxFiles) throw new Error(t('lt.files.tooMany', { n: listing.maxFiles }));
              const big = list.find((x) => (x.size ?? 0) > listing.maxUploadBytes);
              if (big) throw new Error(t('lt.files.tooLarge', { name: big.name, mb: maxMb }));
            },
          },
        ]}
      >
        <Upload beforeUpload={() => false} multiple accept={ACCEPT}>
          <Button>{t('lt.files.choose')}</Button>
        </Upload>
      </Form.Item>
      <Form.Item name="title" label={t('lt.files.titleField')}>
        <Input maxLength={300} />
      </Form.Item>
      {documents.length > 0 && (
        <Form.Item name="documentId" label={t('lt.files.documentField')}>
          <Select allowClear options={documents.map((x) => ({ value: x.id, label: `${x.seq}. ${x.title}` }))} />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={f.submitting} data-testid={`${prefix}-submit`}>
        {t('lt.files.upload')}
      </Button>
    </Form>
  );
}
