/**
 * The task pane: the add-in's name, version and a way into the function reference, then the
 * scenario pane, loaded lazily so the custom functions register before the wizard's code loads.
 */
import { Body1, Caption1, Link, Spinner, Subtitle1, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { Suspense, lazy } from "react";
import { WorkbookPort } from "../workbook/port";
import { APP_NAME, APP_VERSION, FUNCTION_REFERENCE_URL } from "./buildInfo";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
  example: {
    fontFamily: tokens.fontFamilyMonospace,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingHorizontalS,
  },
});

const ScenarioPane = lazy(() => import("./ScenarioPane"));

/** The Excel API set the workbook port needs (chart series; see src/workbook/excel.ts). */
export const REQUIRED_EXCEL_API = "1.7";

export function App({ workbook, unsupported = false }: { workbook?: WorkbookPort; unsupported?: boolean }) {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <Title2 as="h1">{APP_NAME}</Title2>
      <Caption1>Version {APP_VERSION}</Caption1>
      <Body1>
        Model AI infrastructure as value per dollar and per gigawatt. Type an INFRA function into any cell, for example:
      </Body1>
      <code className={styles.example}>=INFRA.GOODPUT(16384, 50000, 1, 10)</code>
      <Subtitle1 as="h2">Functions</Subtitle1>
      <Link href={FUNCTION_REFERENCE_URL} target="_blank" rel="noopener noreferrer">
        INFRA function reference
      </Link>
      {unsupported && (
        <Body1 role="status">
          Scenarios need a newer Excel (ExcelApi {REQUIRED_EXCEL_API}: Excel 2019 or later, Microsoft 365, or Excel on
          the web). The INFRA functions work as usual.
        </Body1>
      )}
      {workbook && (
        <Suspense fallback={<Spinner label="Loading the scenario wizard" />}>
          <ScenarioPane workbook={workbook} />
        </Suspense>
      )}
    </main>
  );
}
