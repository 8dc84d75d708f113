import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconDownload, IconEye } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { INCOMING_STATUS_TABLE, OUTGOING_STATUS_TABLE, SUBJECTS } from '@cds/domain';
import { reportsQuery } from '../../api/notices';
import { useLang } from '../../lib/useLang';
import { PageHeader } from '../../shell/PageHeader';
import { errorText } from '../../shell/errorText';
import { fetchReport, hongKongToday, reportUrl, saveFile, type ReportChoice } from './reportFile';
import { DateField } from '../../components/DateField';

/**
 * 聯遞系統報告 (SPEC §6, issue #9): choose a report, its criteria, the language and the format, then
 * preview (PDF, framed from this origin only) or download. The node validates everything again.
 */
export function ReportsPage() {
  const { t } = useTranslation('notices');
  const lang = useLang();
  const reports = useQuery(reportsQuery);
  const today = hongKongToday();
  const [slug, setSlug] = useState<string | null>('daily-outgoing');
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [statuses, setStatuses] = useState<string[]>([]);
  const [subjects, setSubjects] = useState<string[]>([]);
  const [reportLang, setReportLang] = useState<'zh-HK' | 'en'>(lang);
  const [format, setFormat] = useState<'pdf' | 'xlsx'>('pdf');
  const [busy, setBusy] = useState<'preview' | 'download' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ url: string; slug: string } | null>(null);

  const list = reports.data?.reports ?? [];
  const chosen = list.find((report) => report.slug === slug);
  const table = chosen?.box === 'incoming' ? INCOMING_STATUS_TABLE : OUTGOING_STATUS_TABLE;
  const takesCriteria = chosen !== undefined && chosen.box !== null;

  const choice = (): ReportChoice | null => {
    if (!chosen) return null;
    if (!from || !to) {
      setError(t('reports.datesRequired'));
      return null;
    }
    if (from > to) {
      setError(t('reports.datesReversed'));
      return null;
    }
    return {
      slug: chosen.slug,
      from,
      to,
      statuses: takesCriteria ? statuses : [],
      subjects: takesCriteria ? subjects : [],
      lang: reportLang,
      format,
    };
  };

  const previewName = list.find((report) => report.slug === preview?.slug)?.title[lang] ?? '';

  const run = async (mode: 'preview' | 'download') => {
    setError(null);
    const picked = choice();
    if (!picked) return;
    const wanted = mode === 'preview' ? { ...picked, format: 'pdf' as const } : picked;
    setBusy(mode);
    try {
      // Fetched first either way, so a refused request shows its message here, not in the frame.
      const file = await fetchReport(reportUrl(wanted, 'attachment'));
      if (mode === 'download') {
        saveFile(file.blob, file.filename);
        notifications.show({
          color: 'green',
          message: t('reports.downloaded', { file: file.filename }),
          closeButtonProps: { 'aria-label': t('common:common.close') },
        });
      } else {
        setPreview({ url: reportUrl(wanted, 'inline'), slug: wanted.slug });
      }
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="lg">
      <PageHeader title={t('reports.title')} intro={t('reports.intro')} />
      <Paper withBorder p="lg">
        <Stack gap="md">
          <Select
            label={t('reports.report')}
            data={list.map((report) => ({
              value: report.slug,
              label: t('reports.option', {
                title: report.title[lang],
                kind: t(report.kind === 'list' ? 'reports.kindList' : 'reports.kindSummary'),
              }),
            }))}
            value={slug}
            onChange={(value) => {
              setSlug(value);
              setStatuses([]);
              setPreview(null);
            }}
            allowDeselect={false}
            data-testid="report-select"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateField
              label={t('reports.from')}
              value={from}
              onChange={(day) => setFrom(day ?? '')}
              required
            />
            <DateField label={t('reports.to')} value={to} onChange={(day) => setTo(day ?? '')} required />
          </SimpleGrid>
          {takesCriteria ? (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <MultiSelect
                label={t('reports.status')}
                description={t('reports.allHint')}
                data={table.entries.map((entry) => ({ value: entry.code, label: entry[lang] }))}
                value={statuses}
                onChange={setStatuses}
                clearable
              />
              <MultiSelect
                label={t('reports.subject')}
                description={t('reports.allHint')}
                data={SUBJECTS.entries.map((entry) => ({
                  value: entry.code,
                  label: `${entry.code} ${entry[lang]}`,
                }))}
                value={subjects}
                onChange={setSubjects}
                clearable
                searchable
              />
            </SimpleGrid>
          ) : (
            <Text size="sm" c="dimmed">
              {t('reports.noCriteria')}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Stack gap={4}>
              <Text size="sm" fw={500} id="report-lang-label">
                {t('reports.language')}
              </Text>
              <SegmentedControl
                aria-labelledby="report-lang-label"
                value={reportLang}
                onChange={setReportLang}
                data={[
                  { value: 'zh-HK', label: t('reports.langZh') },
                  { value: 'en', label: t('reports.langEn') },
                ]}
              />
            </Stack>
            <Stack gap={4}>
              <Text size="sm" fw={500} id="report-format-label">
                {t('reports.format')}
              </Text>
              <SegmentedControl
                aria-labelledby="report-format-label"
                value={format}
                onChange={setFormat}
                data={[
                  { value: 'pdf', label: t('reports.pdf') },
                  { value: 'xlsx', label: t('reports.xlsx') },
                ]}
              />
            </Stack>
          </SimpleGrid>
          {reports.data?.partyName ? (
            <Text size="sm" c="dimmed" data-testid="report-school-name">
              {t('reports.schoolName', { name: reports.data.partyName })}
            </Text>
          ) : null}
          {error ? (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {error}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button
              variant="default"
              leftSection={<IconEye size={18} />}
              onClick={() => void run('preview')}
              loading={busy === 'preview'}
              disabled={busy !== null || format !== 'pdf'}
              title={format !== 'pdf' ? t('reports.previewPdfOnly') : undefined}
            >
              {t('reports.preview')}
            </Button>
            <Button
              leftSection={<IconDownload size={18} />}
              onClick={() => void run('download')}
              loading={busy === 'download'}
              disabled={busy !== null}
            >
              {t('reports.download')}
            </Button>
          </Group>
          {format !== 'pdf' ? (
            <Text size="xs" c="dimmed" ta="right">
              {t('reports.previewPdfOnly')}
            </Text>
          ) : null}
        </Stack>
      </Paper>
      {preview ? (
        <Paper withBorder p="sm">
          <Group mb="xs">
            <Badge variant="light">PDF</Badge>
            <Text fw={600}>{t('reports.previewTitle', { name: previewName })}</Text>
          </Group>
          <iframe
            src={preview.url}
            title={t('reports.previewTitle', { name: previewName })}
            style={{ width: '100%', height: '75vh', border: 0 }}
            data-testid="report-preview"
          />
        </Paper>
      ) : null}
    </Stack>
  );
}
