import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { Component, type ReactNode } from 'react';
import { t, type Locale } from '../i18n/messages';

interface Props {
  readonly locale: Locale;
  readonly children: ReactNode;
}

/**
 * Around every view: a render error in one view shows a message and a retry in its place, and the rest of the tab
 * (the view switcher, the other view) keeps working. Without it React unmounts the whole app and leaves it blank.
 */
export class ErrorBoundary extends Component<Props, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <MessageBar intent="error" data-testid="view-failed">
        <MessageBarBody>{t(this.props.locale, 'tab.viewFailed', { message: error.message })}</MessageBarBody>
        <Button size="small" onClick={() => this.setState({ error: undefined })}>
          {t(this.props.locale, 'tab.retry')}
        </Button>
      </MessageBar>
    );
  }
}
