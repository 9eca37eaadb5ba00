import { useEffect, useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { FormErrors, QueryState, RequestError } from '../../shared/ui/components';
import { formatDateTime, humanize } from '../../shared/ui/format';
import { DataExportDocumentQuery, DataExportQuery, ExportMyDataMutation, MyDataExportsQuery } from './accountDocuments';

/** How often a pending export is asked for again (it is assembled over Kafka within seconds). */
const POLL_MS = 1_500;

/** "Download my data": request an export, follow it until READY, save the JSON document as a file. */
export function DataExportSection() {
  const [exports, refetch] = useQuery({ query: MyDataExportsQuery });
  const [state, start] = useMutation(ExportMyDataMutation);
  const errors = state.data?.exportMyData.userErrors.map((e) => e.message) ?? [];
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">Your data</h2>
      <p>Download everything the shop keeps about you (profile, addresses, orders, wallet, notifications) as one JSON file.</p>
      <button type="button" disabled={state.fetching} onClick={async () => {
        await start({});
        refetch({ requestPolicy: 'network-only' });
      }}>
        Prepare a download of my data
      </button>
      <FormErrors messages={errors} />
      {state.error && <RequestError error={state.error} />}
      <QueryState result={exports} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading your exports">
        {({ myDataExports }) =>
          myDataExports.length > 0 && (
            <ul className="exports" aria-live="polite">
              {myDataExports.map((x) => (
                <ExportItem key={x.id} id={x.id} initialStatus={x.status} requestedAt={x.requestedAt} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function ExportItem({ id, initialStatus, requestedAt }: { id: string; initialStatus: string; requestedAt: string }) {
  const pending = initialStatus === 'PENDING';
  const [result, refetch] = useQuery({ query: DataExportQuery, variables: { id }, pause: !pending });
  const status = result.data?.dataExport?.status ?? initialStatus;
  useEffect(() => {
    if (status !== 'PENDING') return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearInterval(timer);
  }, [status, refetch]);
  const item = result.data?.dataExport;
  return (
    <li data-status={status}>
      Requested {formatDateTime(requestedAt)}: <strong>{humanize(status)}</strong>
      {status === 'PENDING' && item && (
        <span className="muted">
          {' '}
          ({item.sources.filter((s) => s.receivedAt).length} of {item.sources.length} parts gathered)
        </span>
      )}
      {item?.failureReason && <span className="field-error"> {item.failureReason}</span>}
      {status === 'READY' && <DownloadButton id={id} />}
    </li>
  );
}

function DownloadButton({ id }: { id: string }) {
  const client = useClient();
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  async function download() {
    setBusy(true);
    setError(null);
    const result = await client.query(DataExportDocumentQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    const text = result.data?.dataExport?.document;
    if (result.error || !text) {
      setError(result.error ?? new Error('The export is no longer available; prepare a new one.'));
      return;
    }
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `my-shop-data-${id}.json`;
    a.click();
    URL.revokeObjectURL(url);
  }
  return (
    <>
      {' '}
      <button type="button" className="secondary" onClick={download} disabled={busy}>
        Download (JSON)
      </button>
      {error && <RequestError error={error} />}
    </>
  );
}
