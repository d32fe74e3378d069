import type { FastifyInstance } from 'fastify';
import { call, login, type TestApp } from '../../helpers/testApp.js';

export const U = {
  province: '000.00.00.H55',
  banTcd: '000.00.19.H55',
  thanhTra: '000.00.18.H55',
  soXayDung: '000.00.14.H55',
  phuongPdp: '000.20.01.H55',
  phuongGiaSang: '000.20.02.H55',
  xaDinhHoa: '000.20.08.H55',
};

/** Extra staff for these tests, created through the administrators' API. */
export async function createLetterUsers(t: TestApp): Promise<void> {
  const admin = await login(t.app, 'admin');
  const unit = (code: string) => t.seed.units.get(code)!;
  const users = [
    { username: 'tcd.pdp', fullName: 'Lý Thị Hạnh', roles: [{ role: 'reception_officer', unitId: unit(U.phuongPdp) }] },
    { username: 'tcd.giasang', fullName: 'Mai Văn Sơn', roles: [{ role: 'reception_officer', unitId: unit(U.phuongGiaSang) }] },
    { username: 'lanhdao.bantcd', fullName: 'Vương Đình Huệ', roles: [{ role: 'leader', unitId: unit(U.banTcd) }] },
    { username: 'lanhdao.giasang', fullName: 'Tạ Quang Bửu', roles: [{ role: 'leader', unitId: unit(U.phuongGiaSang) }] },
    { username: 'thanhtra.pdp', fullName: 'Kiều Văn Tín', roles: [{ role: 'inspector', unitId: unit(U.phuongPdp) }] },
    { username: 'tcd.bantcd2', fullName: 'Đinh Thị Nga', roles: [{ role: 'reception_officer', unitId: unit(U.banTcd) }] },
  ];
  for (const u of users) {
    const r = await call(t.app, admin, { method: 'POST', url: '/api/v1/users', payload: { ...u, password: 'demo1234' } });
    if (r.statusCode !== 201) throw new Error(`create ${u.username}: ${r.statusCode} ${r.body}`);
  }
}

export async function as(app: FastifyInstance, username: string | null) {
  const token = username ? await login(app, username) : null;
  return {
    get: (url: string) => call(app, token, { method: 'GET', url }),
    post: (url: string, payload: unknown = {}, headers: Record<string, string> = {}) => call(app, token, { method: 'POST', url, payload: payload as any, headers }),
    put: (url: string, payload: unknown) => call(app, token, { method: 'PUT', url, payload: payload as any }),
  };
}

/** An instant N days before now, ISO. */
export const daysAgo = (n: number, hour = 9) => {
  const d = new Date(Date.now() - n * 86_400_000);
  const local = new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  return `${local}T${String(hour).padStart(2, '0')}:00:00+07:00`;
};
