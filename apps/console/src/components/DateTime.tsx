import { formatDateTime, formatRelativeTime } from './format';

interface DateTimeProps {
  value: string | null | undefined;
  /** Show "3 h ago" with the exact time as a tooltip, instead of the exact time. */
  relative?: boolean;
}

export function DateTime({ value, relative = false }: DateTimeProps) {
  if (!value) return <span className="muted">—</span>;
  const exact = formatDateTime(value);
  return (
    <time dateTime={value} title={relative ? exact : undefined}>
      {relative ? formatRelativeTime(value) : exact}
    </time>
  );
}
