import { describe, expect, it } from "vitest";
import { detect, detectedValues as values } from "../../../test/support/pii-detect.js";
import { ipv4Detector, ipv6Detector } from "./pii-network-detectors.js";

describe("ipv4Detector", () => {
  it("finds dotted quads with octets up to 255", () => {
    expect(values(ipv4Detector, "from 192.168.10.24 and 8.8.8.8, then 255.1.0.254.")).toEqual([
      "192.168.10.24",
      "8.8.8.8",
      "255.1.0.254",
    ]);
  });

  it("rejects octets over 255, partial quads, longer dotted runs and version numbers", () => {
    expect(
      values(ipv4Detector, "256.1.1.1 1.2.3 1.2.3.4.5 v1.2.3.4 version 10.0.0.1 Chrome 120.0.6099.109"),
    ).toEqual([]);
  });

  it("scores loopback below the threshold", () => {
    expect(detect(ipv4Detector, "listening on 127.0.0.1", 0)[0]?.[1]).toBeLessThan(0.5);
  });
});

describe("ipv6Detector", () => {
  it("finds full, compressed and IPv4-suffixed addresses", () => {
    const text =
      "2001:0db8:85a3:0000:0000:8a2e:0370:7334, 2001:db8::8a2e:370:7334, ::ffff:192.0.2.1 and fe80::1.";
    expect(values(ipv6Detector, text)).toEqual([
      "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
      "2001:db8::8a2e:370:7334",
      "::ffff:192.0.2.1",
      "fe80::1",
    ]);
  });

  it("rejects times, MAC addresses, two '::', too many groups and C++ scopes", () => {
    const text = "12:30:45 00:1a:2b:3c:4d:5e 2001::db8::1 1:2:3:4:5:6:7:8:9 std::vector Foo::Bar";
    expect(values(ipv6Detector, text)).toEqual([]);
  });
});
