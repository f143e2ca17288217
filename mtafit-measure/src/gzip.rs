//! gzip-compressed input, member after member, as `gzip -d` reads it: bytes after the last
//! member that do not start another are an error naming where they start, not "an invalid
//! header".

use flate2::bufread::GzDecoder;
use std::io::{self, BufRead, Read};

/// Bytes after the end of compressed data that are not more of it; `at` is their offset in the
/// compressed input.
#[derive(Debug)]
pub struct TrailingJunk {
    /// "gzip" or "zstd".
    pub format: &'static str,
    /// Offset of the first byte that is not compressed data.
    pub at: u64,
}

impl std::fmt::Display for TrailingJunk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the {} data ends at byte {} and junk that is not {} data follows",
            self.format, self.at, self.format
        )
    }
}

impl std::error::Error for TrailingJunk {}

impl TrailingJunk {
    /// The error a reader returns for it.
    pub fn error(format: &'static str, at: u64) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, TrailingJunk { format, at })
    }
}

/// A buffered reader that counts the bytes consumed from it and notes when its source ran dry.
pub struct Tally<R: BufRead> {
    inner: R,
    /// Bytes consumed.
    pub consumed: u64,
    /// True once a read found the end of the source.
    pub ended: bool,
}

impl<R: BufRead> Tally<R> {
    /// Count what is read from `inner`.
    pub fn new(inner: R) -> Tally<R> {
        Tally {
            inner,
            consumed: 0,
            ended: false,
        }
    }
}

impl<R: BufRead> Read for Tally<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.ended = true;
        }
        self.consumed += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tally<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        let buf = self.inner.fill_buf()?;
        if buf.is_empty() {
            self.ended = true;
        }
        Ok(buf)
    }

    fn consume(&mut self, amt: usize) {
        self.consumed += amt as u64;
        self.inner.consume(amt);
    }
}

/// The members of a gzip stream, decoded one after another.
pub struct Members<R: BufRead> {
    decoder: Option<GzDecoder<Tally<R>>>,
}

impl<R: BufRead> Members<R> {
    /// A reader of the decompressed bytes of `source`, which starts with a gzip member.
    pub fn new(source: R) -> Members<R> {
        Members {
            decoder: Some(GzDecoder::new(Tally::new(source))),
        }
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            let Some(decoder) = self.decoder.as_mut() else {
                return Ok(0);
            };
            let n = decoder.read(buf)?;
            if n > 0 {
                return Ok(n);
            }
            // The member ended: the input ends too, or another member starts.
            let Some(decoder) = self.decoder.take() else {
                return Ok(0);
            };
            let mut source = decoder.into_inner();
            let next = source.fill_buf()?;
            if next.is_empty() {
                return Ok(0);
            }
            let more = next.len() >= 2 && next[..2] == [0x1f, 0x8b];
            if !more {
                return Err(TrailingJunk::error("gzip", source.consumed));
            }
            self.decoder = Some(GzDecoder::new(source));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(text: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(text).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn members_decode_in_order_and_junk_after_them_is_placed() {
        let mut data = gz(b"first line\n");
        data.extend(gz(b"second line\n"));
        let mut out = String::new();
        Members::new(&data[..]).read_to_string(&mut out).unwrap();
        assert_eq!(out, "first line\nsecond line\n");
        let at = data.len();
        data.extend_from_slice(b"JUNK");
        let e = Members::new(&data[..])
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        let junk = e.get_ref().and_then(|e| e.downcast_ref::<TrailingJunk>());
        assert_eq!(junk.map(|j| j.at), Some(at as u64), "{e}");
    }
}
