// Judge calibration: human-labelled examples, agreement statistics (accuracy, Cohen's kappa) and a calibration run.
export { type Agreement, type AgreementReport, agreement, agreementOf, type LabelPair } from "./agreement.js";
export {
  type CalibrateJudgeOptions,
  type CalibrationItem,
  type CalibrationReport,
  calibrateJudge,
} from "./calibrate-judge.js";
export { type LabelledItem, parseLabelsFile } from "./parse-labels-file.js";
