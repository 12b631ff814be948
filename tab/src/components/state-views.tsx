import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, Text } from "@fluentui/react-components";
import { describeError } from "../api-client/problem.js";
import { strings } from "../strings.js";

export function Loading({ label = strings.loading }: { label?: string }) {
  return <Spinner size="small" label={label} role="status" />;
}

/** Errors are shown with the problem's detail, never swallowed (docs/spec.md §8). */
export function ErrorView({ error, onRetry, retryLabel = strings.retry }: { error: unknown; onRetry?: () => void; retryLabel?: string }) {
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{strings.errorTitle}</MessageBarTitle>
        {describeError(error)}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>{retryLabel}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

export function EmptyView({ text }: { text: string }) {
  return (
    <Text as="p" italic>
      {text}
    </Text>
  );
}
