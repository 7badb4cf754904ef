/* Draws the add-in icon (a balance beam on a fulcrum, teal on white) at the sizes Office asks
 * for, as PNG files in assets/. Run `node scripts/draw-icons.js` after changing the drawing. */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const TEAL = [0, 120, 130];
const AMBER = [240, 160, 20];

/** Shapes in a unit square; returns the colour at (x, y) or null for background. */
function colourAt(x, y) {
  const inTriangle = y >= 0.55 && y <= 0.88 && Math.abs(x - 0.5) <= (y - 0.55) * 0.6;
  const beam = Math.abs(y - (0.5 - (x - 0.5) * 0.12)) < 0.045 && x > 0.1 && x < 0.9;
  const leftPan = (x - 0.2) ** 2 + ((y - 0.6) / 0.55) ** 2 < 0.012 && y > 0.6;
  const rightPan = (x - 0.8) ** 2 + ((y - 0.53) / 0.55) ** 2 < 0.012 && y > 0.53;
  const leftString = Math.abs(x - 0.2) < 0.02 && y > 0.53 && y < 0.6;
  const base = y > 0.86 && y < 0.92 && x > 0.25 && x < 0.75;
  const spark = (x - 0.5) ** 2 + (y - 0.27) ** 2 < 0.012;
  if (spark) return AMBER;
  if (inTriangle || beam || leftPan || rightPan || leftString || base) return TEAL;
  return null;
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size) {
  const ss = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const c = colourAt((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (c) {
            acc[0] += c[0];
            acc[1] += c[1];
            acc[2] += c[2];
            acc[3] += 255;
          }
        }
      const n = ss * ss;
      const covered = acc[3] / 255;
      const o = py * (size * 4 + 1) + 1 + px * 4;
      raw[o] = covered ? Math.round(acc[0] / covered) : 0;
      raw[o + 1] = covered ? Math.round(acc[1] / covered) : 0;
      raw[o + 2] = covered ? Math.round(acc[2] / covered) : 0;
      raw[o + 3] = Math.round(acc[3] / n);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of SIZES) fs.writeFileSync(path.join(__dirname, "..", "assets", `icon-${size}.png`), png(size));
