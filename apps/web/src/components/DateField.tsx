import { useState } from 'react';
import { DateInput, type DateInputProps } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { parseDayMonthYear, parseDayMonthYearTime, showDay } from '../lib/dates';
import { DAYJS_LOCALE } from '../lib/DatesLocale';
import { useLang } from '../lib/useLang';

type Passed = Omit<
  DateInputProps,
  | 'value'
  | 'defaultValue'
  | 'onChange'
  | 'valueFormat'
  | 'dateParser'
  | 'minDate'
  | 'maxDate'
  | 'error'
  | 'withTime'
>;

export interface DateFieldProps extends Passed {
  label: string;
  /** `YYYY-MM-DD` (with `withTime`: `YYYY-MM-DDTHH:mm`, Hong Kong time); null or '' when empty. */
  value: string | null;
  /** The same form, or null when the field is emptied or holds something that is not a date. */
  onChange: (value: string | null) => void;
  minDate?: string | null | undefined;
  maxDate?: string | null | undefined;
  /** A day and a time of day, shown and typed `dd/MM/yyyy HH:mm`. */
  withTime?: boolean;
}

/**
 * The one date field of the web app. A native <input type="date"> shows the computer's locale
 * (mm/dd/yyyy on an English Windows); this always shows dd/MM/yyyy (SPEC §11) in both languages,
 * takes dates typed by hand (31/12/2026 or 2026-12-31), and names what is wrong with a bad one when
 * the user leaves the field. The pages keep the strings native inputs gave them (`YYYY-MM-DD`, or
 * `YYYY-MM-DDTHH:mm` with a time), so API calls do not change. Optional fields (not `required`) can
 * be cleared.
 */
export function DateField({
  label,
  value,
  onChange,
  minDate,
  maxDate,
  required,
  withTime = false,
  ...rest
}: DateFieldProps) {
  const { t } = useTranslation('common');
  const lang = useLang();
  const [problem, setProblem] = useState<string | null>(null);
  const min = minDate || undefined;
  const max = maxDate || undefined;
  const parse = withTime ? parseDayMonthYearTime : parseDayMonthYear;
  // Mantine holds a time as `YYYY-MM-DD HH:mm:ss`; the pages hold `YYYY-MM-DDTHH:mm`.
  const toMantine = (page: string) => (withTime ? `${page.replace('T', ' ')}:00` : page);
  const fromMantine = (held: string | null): string | null => {
    if (held === null || !withTime) return held;
    // A day picked in the calendar comes without its time: it keeps the time the field had.
    if (held.length === 10) return `${held}T${value ? value.slice(11, 16) : '00:00'}`;
    return held.slice(0, 16).replace(' ', 'T');
  };

  /** Why typed text is not acceptable, or null when it is (or is empty). */
  const check = (text: string): string | null => {
    if (text.trim() === '') return null;
    const typed = parse(text);
    if (typed === null)
      return t(withTime ? 'dateField.invalidTime' : 'dateField.invalid', { text: text.trim() });
    if (min !== undefined && typed < min) return t('dateField.tooEarly', { day: showDay(min) });
    if (max !== undefined && typed > max) return t('dateField.tooLate', { day: showDay(max) });
    return null;
  };

  return (
    <DateInput
      {...rest}
      label={label}
      required={required}
      clearable={!required}
      clearButtonProps={{ 'aria-label': t('dateField.clear') }}
      placeholder={t(withTime ? 'dateField.placeholderTime' : 'dateField.placeholder')}
      leftSection={<IconCalendar size={16} aria-hidden />}
      withTime={withTime}
      valueFormat={withTime ? 'DD/MM/YYYY HH:mm' : 'DD/MM/YYYY'}
      dateParser={(text) => {
        const typed = parse(text);
        return typed === null ? null : toMantine(typed);
      }}
      value={value ? toMantine(value) : null}
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
      onChange={(held) => {
        setProblem(null);
        onChange(fromMantine(held));
      }}
      onBlur={(event) => setProblem(check(event.currentTarget.value))}
    />
  );
}
