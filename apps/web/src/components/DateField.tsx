import { useState } from 'react';
import { DateInput, type DateInputProps } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { parseDayMonthYear, showDay } from '../lib/dates';
import { DAYJS_LOCALE } from '../lib/DatesLocale';
import { useLang } from '../lib/useLang';

type Passed = Omit<
  DateInputProps,
  'value' | 'defaultValue' | 'onChange' | 'valueFormat' | 'dateParser' | 'minDate' | 'maxDate' | 'error'
>;

export interface DateFieldProps extends Passed {
  label: string;
  /** `YYYY-MM-DD`; null or '' when empty. */
  value: string | null;
  /** `YYYY-MM-DD`, or null when the field is emptied or holds something that is not a date. */
  onChange: (value: string | null) => void;
  minDate?: string | null | undefined;
  maxDate?: string | null | undefined;
}

/**
 * The one date field of the web app. A native <input type="date"> shows the computer's locale
 * (mm/dd/yyyy on an English Windows); this always shows dd/MM/yyyy (SPEC §11) in both languages,
 * takes dates typed by hand (31/12/2026 or 2026-12-31), and names what is wrong with a bad one when
 * the user leaves the field. The pages keep their `YYYY-MM-DD` strings, so API calls do not change.
 * Optional fields (not `required`) can be cleared.
 */
export function DateField({ label, value, onChange, minDate, maxDate, required, ...rest }: DateFieldProps) {
  const { t } = useTranslation('common');
  const lang = useLang();
  const [problem, setProblem] = useState<string | null>(null);
  const min = minDate || undefined;
  const max = maxDate || undefined;

  /** Why typed text is not an acceptable day, or null when it is one (or empty). */
  const check = (text: string): string | null => {
    if (text.trim() === '') return null;
    const day = parseDayMonthYear(text);
    if (day === null) return t('dateField.invalid', { text: text.trim() });
    if (min !== undefined && day < min) return t('dateField.tooEarly', { day: showDay(min) });
    if (max !== undefined && day > max) return t('dateField.tooLate', { day: showDay(max) });
    return null;
  };

  return (
    <DateInput
      {...rest}
      label={label}
      required={required}
      clearable={!required}
      clearButtonProps={{ 'aria-label': t('dateField.clear') }}
      placeholder={t('dateField.placeholder')}
      leftSection={<IconCalendar size={16} aria-hidden />}
      valueFormat="DD/MM/YYYY"
      dateParser={parseDayMonthYear}
      value={value || null}
      minDate={min}
      maxDate={max}
      // A date set since (picked, or set by the page) replaces whatever was wrong before.
      error={value ? null : problem}
      monthLabelFormat={lang === 'zh-HK' ? 'YYYY年M月' : 'MMMM YYYY'}
      getDayAriaLabel={(day) =>
        dayjs(day)
          .locale(DAYJS_LOCALE[lang])
          .format(lang === 'zh-HK' ? 'YYYY年M月D日' : 'D MMMM YYYY')
      }
      ariaLabels={{
        previousMonth: t('dateField.previousMonth'),
        nextMonth: t('dateField.nextMonth'),
        previousYear: t('dateField.previousYear'),
        nextYear: t('dateField.nextYear'),
        previousDecade: t('dateField.previousDecade'),
        nextDecade: t('dateField.nextDecade'),
        monthLevelControl: t('dateField.monthLevel'),
        yearLevelControl: t('dateField.yearLevel'),
      }}
      // DateInput keeps its last good value while the text does not parse; a page must not go on
      // filtering or saving by a date the field no longer shows, so a text that is not a date empties it.
      onInput={(event) => {
        setProblem(null);
        const text = event.currentTarget.value;
        if (text.trim() === '' || check(text) !== null) onChange(null);
      }}
      onChange={(day) => {
        setProblem(null);
        onChange(day);
      }}
      onBlur={(event) => setProblem(check(event.currentTarget.value))}
    />
  );
}
