import type { ComponentChildren } from 'preact';
import { fmtDateTime, t } from '../i18n/index.ts';

/** One entry of a case's confidential-material read log (Art. 12), as `/material-reads` serves it. */
export interface MaterialRead {
  seq: number;
  at: string;
  filename: string;
  reader: string | null;
  readerOrganisation: string | null;
  readerUserId: string | null;
  readerOrgId: string | null;
}

/**
 * The read log as a table: when, which file, who, from which organisation. `lead` adds a first
 * column (the complaint form's "attach as evidence" boxes).
 */
export function ReadLogTable(props: { reads: readonly MaterialRead[]; testid: string; lead?: { header: string; cell: (r: MaterialRead) => ComponentChildren } }) {
  const { lead } = props;
  return (
    <table data-testid={props.testid}>
      <thead>
        <tr>
          {lead && <th scope="col">{lead.header}</th>}
          <th scope="col">{t('reads.at')}</th>
          <th scope="col">{t('material.filename')}</th>
          <th scope="col">{t('reads.reader')}</th>
          <th scope="col">{t('reads.org')}</th>
        </tr>
      </thead>
      <tbody>
        {props.reads.map((r) => (
          <tr key={r.seq}>
            {lead && <td>{lead.cell(r)}</td>}
            <td>{fmtDateTime(r.at)}</td>
            <td>{r.filename}</td>
            <td>{r.reader}</td>
            <td>{r.readerOrganisation}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
