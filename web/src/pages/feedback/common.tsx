import { useId, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import './i18n';

export interface Label {
  vi: string;
  en: string;
}

export interface Category {
  id: string;
  code: string;
  name: string;
  description: string;
  fieldCode: string;
  fieldName: string;
  class: 'regulation' | 'conduct';
  allowAnonymous: boolean;
  defaultPrivate: boolean;
  attributes: {
    code: string;
    datatype: string;
    required: boolean;
    variable: boolean;
    order: number;
    description: string;
    values?: { key: string; name: string }[];
  }[];
}

export interface PublicItem {
  code: string;
  status: string;
  statusLabel: Label;
  category: { code: string; name: string; fieldName: string };
  title: string;
  description: string;
  sender: string;
  location: { lat: number | null; long: number | null; address: string | null; commune: string | null };
  unit: string;
  receivedAt: string;
  publishedAt: string | null;
  answer: { summary: string; text: string } | null;
  votes: { likes: number; dislikes: number };
  dissatisfied: boolean;
  photos: string[];
  timeline?: { at: string; note: string | null; status: string }[];
}

export interface DetailItem {
  id: string;
  code: string;
  status: string;
  statusLabel: Label;
  title: string;
  description: string;
  category: { code: string; name: string; fieldName: string };
  class: string;
  classLabel: Label | null;
  subclass: string | null;
  channel: string;
  channelLabel: Label | null;
  receivedAt: string;
  competentUnit: { id: string; name: string };
  receivingUnit: { id: string; name: string };
  commune: { id: string; name: string } | null;
  handler: { id: string; name: string } | null;
  anonymous: boolean;
  contact: { name: string | null; phone: string | null; email: string | null; address: string | null } | null;
  location: { lat: number | null; long: number | null; address: string | null };
  attributes: Record<string, string | string[]>;
  currentDue: { step: string; at: string; overdue: boolean } | null;
  dues: { refuse: string | null; supplement: string | null; answer: string | null; publish: string | null; reopenAnswer: string | null; provisional: boolean };
  remaining: { textVi: string; textEn: string; labelVi: string; labelEn: string; state: string } | null;
  onTime?: { onTime: boolean; late: string[] };
  refusalReason: string | null;
  supplementRequest: string | null;
  answer: { text: string; summary: string; answeredAt: string } | null;
  rating: { value: string; label: Label } | null;
  votes: { likes: number; dislikes: number };
  publicCopy: { title: string; description: string };
  moderation?: { state: string; reason: string | null };
  media: { id: string; url: string | null; publicUrl: string | null; hidden: boolean }[];
  timeline: { id: string; action: string; label: Label; at: string; actorName: string | null; reason: string | null; publicNote: string | null; to: string }[];
  allowedActions: string[];
  visibility: string;
  reopenCount: number;
  version: number;
}

export const lbl = (l: Label | null | undefined, lang: string) => (l ? (lang.startsWith('en') ? l.en : l.vi) : '');

const STATUS_COLOURS: Record<string, string> = {
  received: 'blue',
  assigned: 'blue',
  supplement_requested: 'orange',
  supplemented: 'blue',
  forwarded: 'purple',
  answered: 'cyan',
  published: 'green',
  closed: 'default',
  reopened: 'volcano',
  refused: 'red',
  merged: 'default',
  reclassified: 'default',
};

export function StatusTag({ status, label }: { status: string; label: Label }) {
  const { i18n } = useTranslation();
  return <Tag color={STATUS_COLOURS[status] ?? 'blue'}>{lbl(label, i18n.language)}</Tag>;
}

/**
 * Thái Nguyên's extent (approximate, WGS84). The plot is a plain SVG (no map tiles: the system
 * must work without the internet); a deployment can swap in its own base map.
 */
export const BOUNDS = { latMin: 21.3, latMax: 22.05, lngMin: 105.45, lngMax: 106.25 };
const W = 480;
const H = Math.round(((BOUNDS.latMax - BOUNDS.latMin) / (BOUNDS.lngMax - BOUNDS.lngMin)) * W * 1.07);

const xOf = (lng: number) => ((lng - BOUNDS.lngMin) / (BOUNDS.lngMax - BOUNDS.lngMin)) * W;
const yOf = (lat: number) => ((BOUNDS.latMax - lat) / (BOUNDS.latMax - BOUNDS.latMin)) * H;

export interface MapPoint {
  lat: number;
  lng: number;
  label: string;
  href?: string;
  dim?: boolean;
}

/** A plot of points within the province; with `onPick`, a click (or Enter on the focused plot) sets a point. */
export function ProvinceMap({ points, pin, onPick, title }: { points: MapPoint[]; pin?: { lat: number; lng: number } | null; onPick?: (lat: number, lng: number) => void; title: string }) {
  const id = useId();
  const svgRef = useRef<SVGSVGElement>(null);
  const pick = (e: MouseEvent<SVGSVGElement>) => {
    if (!onPick || !svgRef.current) return;
    const r = svgRef.current.getBoundingClientRect();
    const x = ((e.clientX - r.left) / r.width) * W;
    const y = ((e.clientY - r.top) / r.height) * H;
    const lng = BOUNDS.lngMin + (x / W) * (BOUNDS.lngMax - BOUNDS.lngMin);
    const lat = BOUNDS.latMax - (y / H) * (BOUNDS.latMax - BOUNDS.latMin);
    onPick(Math.round(lat * 1e6) / 1e6, Math.round(lng * 1e6) / 1e6);
  };
  const key = (e: KeyboardEvent<SVGSVGElement>) => {
    if (onPick && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      onPick(21.5942, 105.8482);
    }
  };
  const grid = [];
  for (let lat = 21.4; lat < BOUNDS.latMax; lat += 0.2) grid.push(<line key={`a${lat}`} x1={0} x2={W} y1={yOf(lat)} y2={yOf(lat)} stroke="#dde4ee" />);
  for (let lng = 105.6; lng < BOUNDS.lngMax; lng += 0.2) grid.push(<line key={`o${lng}`} y1={0} y2={H} x1={xOf(lng)} x2={xOf(lng)} stroke="#dde4ee" />);
  return (
    <figure style={{ margin: 0 }}>
      <svg
        ref={svgRef}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-t`}
        style={{ width: '100%', maxWidth: 520, background: '#f7fafc', border: '1px solid #c9d6e6', borderRadius: 8, cursor: onPick ? 'crosshair' : 'default', display: 'block' }}
        onClick={pick}
        onKeyDown={key}
        tabIndex={onPick ? 0 : undefined}
        data-testid="province-map"
      >
        <title id={`${id}-t`}>{title}</title>
        {grid}
        {/* Thái Nguyên city centre, for orientation. */}
        <circle cx={xOf(105.8482)} cy={yOf(21.5942)} r={5} fill="none" stroke="#7a8699" />
        <text x={xOf(105.8482) + 8} y={yOf(21.5942) + 4} fontSize={12} fill="#4a5568">
          TP Thái Nguyên
        </text>
        {points.map((p, i) => {
          const dot = <circle cx={xOf(p.lng)} cy={yOf(p.lat)} r={5} fill={p.dim ? '#8a94a6' : '#c0392b'} stroke="#fff" strokeWidth={1.5} />;
          return p.href ? (
            <a key={i} href={p.href} aria-label={p.label}>
              <title>{p.label}</title>
              {dot}
            </a>
          ) : (
            <g key={i}>
              <title>{p.label}</title>
              {dot}
            </g>
          );
        })}
        {pin && (
          <g data-testid="map-pin">
            <circle cx={xOf(pin.lng)} cy={yOf(pin.lat)} r={8} fill="#1d4ed8" stroke="#fff" strokeWidth={2} />
          </g>
        )}
      </svg>
    </figure>
  );
}

export function When({ at }: { at: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (!at) return null;
  return <time dateTime={at}>{formatDateTime(at, i18n.language)}</time>;
}

/** A device id for one vote per device (kept in localStorage). */
export function deviceId(): string {
  const k = 'motcua.deviceId';
  try {
    let v = localStorage.getItem(k);
    if (!v) {
      const a = new Uint8Array(16);
      crypto.getRandomValues(a);
      v = 'd' + Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
      localStorage.setItem(k, v);
    }
    return v;
  } catch {
    return 'd' + Math.random().toString(16).slice(2).padEnd(20, '0');
  }
}
