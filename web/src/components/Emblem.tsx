/** A neutral round mark with a star (not the state emblem), used as the portal's logo. */
export function Emblem({ size = 40 }: { size?: number }) {
  return (
    <svg className="brand-mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <circle cx="16" cy="16" r="15" fill="#c8102e" />
      <circle cx="16" cy="16" r="12.5" fill="none" stroke="#ffd200" strokeWidth="1" />
      <path fill="#ffd200" d="M16 6.2l2.3 7h7.4l-6 4.3 2.3 7L16 20.2l-6 4.3 2.3-7-6-4.3h7.4z" />
    </svg>
  );
}
