/** How the pane reports an outcome: a message in words and, for a failure that trying again may fix, Retry. */
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { InvalidScenarioError, StoreLockedError } from "../workbook/scenarios";

/** An outcome in words; a failure that trying again may fix carries `retry`. */
export type Message = { intent: "success" | "error"; text: string; retry?: () => void };

/** A failure in words, and whether trying again may help (not for a refused name or value, nor a locked store). */
export function failure(error: unknown): { text: string; retriable: boolean } {
  if (error instanceof InvalidScenarioError) return { text: error.errors.join(" "), retriable: false };
  if (error instanceof StoreLockedError) return { text: error.message, retriable: false };
  return {
    text: `That did not work: ${error instanceof Error ? error.message : String(error)}`,
    retriable: true,
  };
}

/** A message with its Retry button; multiline, so a long message wraps in a narrow pane instead of being cut. */
export function Notice({ message }: { message: Message }) {
  return (
    <MessageBar intent={message.intent} layout="multiline">
      <MessageBarBody>{message.text}</MessageBarBody>
      {message.retry && (
        <MessageBarActions>
          <Button size="small" onClick={message.retry}>
            Retry
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
