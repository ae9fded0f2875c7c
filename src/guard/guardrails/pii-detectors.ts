import { emailDetector, phoneDetector } from "./pii-contact-detectors.js";
import type { PiiDetector } from "./pii-detector-spec.js";
import { cardDetector, ibanDetector, ssnDetector } from "./pii-financial-detectors.js";
import { ipv4Detector, ipv6Detector } from "./pii-network-detectors.js";
import { secretDetector } from "./pii-secret-detectors.js";

/**
 * The built-in detectors, most specific first: when two findings overlap with the same score, the one
 * listed earlier wins (a Luhn-valid card beats a phone-shaped reading of the same digits).
 */
export const defaultPiiDetectors: readonly PiiDetector[] = [
  secretDetector,
  emailDetector,
  cardDetector,
  ibanDetector,
  ssnDetector,
  ipv6Detector,
  ipv4Detector,
  phoneDetector,
];
