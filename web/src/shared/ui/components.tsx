import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import type { CombinedError } from '@urql/core';
import { describeError } from './errors';

interface FieldProps {
  label: string;
  errors?: readonly string[];
  hint?: string;
}

function describedBy(errorId: string, hintId: string, errors?: readonly string[], hint?: string) {
  return [errors && errors.length ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
}

function FieldMessages({ errorId, hintId, errors, hint }: { errorId: string; hintId: string; errors?: readonly string[]; hint?: string }) {
  return (
    <>
      {hint && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
      {errors && errors.length > 0 && (
        <span id={errorId} className="field-error" role="alert">
          {errors.join(' ')}
        </span>
      )}
    </>
  );
}

/** A labelled input with its hint and the userErrors that name it (announced, and linked by aria-describedby). */
export function TextField({ label, errors, hint, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const invalid = !!errors && errors.length > 0;
  return (
    <div className={`field${invalid ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={invalid || undefined} aria-describedby={describedBy(`${id}-e`, `${id}-h`, errors, hint)} {...input} />
      <FieldMessages errorId={`${id}-e`} hintId={`${id}-h`} errors={errors} hint={hint} />
    </div>
  );
}

export function TextAreaField({ label, errors, hint, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  const invalid = !!errors && errors.length > 0;
  return (
    <div className={`field${invalid ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} aria-invalid={invalid || undefined} aria-describedby={describedBy(`${id}-e`, `${id}-h`, errors, hint)} {...input} />
      <FieldMessages errorId={`${id}-e`} hintId={`${id}-h`} errors={errors} hint={hint} />
    </div>
  );
}

export function SelectField({ label, errors, hint, children, ...select }: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  const invalid = !!errors && errors.length > 0;
  return (
    <div className={`field${invalid ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-invalid={invalid || undefined} aria-describedby={describedBy(`${id}-e`, `${id}-h`, errors, hint)} {...select}>
        {children}
      </select>
      <FieldMessages errorId={`${id}-e`} hintId={`${id}-h`} errors={errors} hint={hint} />
    </div>
  );
}

/** Errors that belong to the whole form (or a request that failed): announced at once. */
export function FormErrors({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="alert error" role="alert">
      {messages.map((m, i) => (
        <p key={i}>{m}</p>
      ))}
    </div>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {what}…
    </p>
  );
}

/** A failed request: what happened in plain words, and a way to try again. */
export function RequestError({ error, retry }: { error: CombinedError | Error; retry?: () => void }) {
  return (
    <div className="alert error" role="alert">
      <p>{describeError(error)}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

interface QueryLike<T> {
  data?: T;
  fetching: boolean;
  error?: CombinedError;
}

/**
 * Renders a query's three states: loading (until the first data), error (with retry; stale data stays visible
 * below the error when there is some), and the data itself.
 */
export function QueryState<T>({
  result,
  retry,
  what,
  children,
}: {
  result: QueryLike<T>;
  retry: () => void;
  what?: string;
  children: (data: T) => ReactNode;
}) {
  if (result.error && !result.data) return <RequestError error={result.error} retry={retry} />;
  if (!result.data) return <Loading what={what} />;
  return (
    <>
      {result.error && <RequestError error={result.error} retry={retry} />}
      {children(result.data)}
    </>
  );
}

export function Status({ children }: { children: ReactNode }) {
  return (
    <p className="alert success" role="status">
      {children}
    </p>
  );
}
