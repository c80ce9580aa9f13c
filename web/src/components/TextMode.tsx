import { useTranslation } from 'react-i18next';

const modes = ['quotation', 'paraphrase', 'original'] as const;
const isMode = (mode: string): mode is (typeof modes)[number] => (modes as readonly string[]).includes(mode);

export function TextModeBadge({ mode }: { mode: string | null | undefined }) {
  const { t } = useTranslation();
  if (!mode) return null;
  return (
    <span className={`badge mode-${mode}`} title={isMode(mode) ? t(`textMode.explain.${mode}`) : undefined}>
      {isMode(mode) ? t(`textMode.${mode}`) : mode}
    </span>
  );
}
