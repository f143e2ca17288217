//! zstd-compressed input (KumoMTA writes its log segments this way), decoded in pure Rust,
//! frame after frame: a segment can hold several, and skippable frames are passed over.

use crate::gzip::{Tally, TrailingJunk};
use ruzstd::decoding::errors::{FrameDecoderError, ReadFrameHeaderError};
use ruzstd::decoding::{BlockDecodingStrategy, FrameDecoder};
use std::io::{self, BufRead, Read};

/// The frames of a zstd stream, decoded one after another.
pub struct Frames<R: BufRead> {
    source: Tally<R>,
    decoder: FrameDecoder,
    in_frame: bool,
    frames: u64,
}

impl<R: BufRead> Frames<R> {
    /// A reader of the decompressed bytes of `source`.
    pub fn new(source: R) -> Frames<R> {
        Frames {
            source: Tally::new(source),
            decoder: FrameDecoder::new(),
            in_frame: false,
            frames: 0,
        }
    }

    /// The decoder's error as an I/O error: data cut short is said to end early, in words of
    /// our own, since the decoder's words name its internals.
    fn invalid(&self, e: FrameDecoderError) -> io::Error {
        if self.source.ended {
            return io::Error::new(io::ErrorKind::UnexpectedEof, "zstd: the data ends early");
        }
        io::Error::new(io::ErrorKind::InvalidData, format!("zstd: {e}"))
    }
}

impl<R: BufRead> Read for Frames<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if self.in_frame {
                if self.decoder.can_collect() > 0 {
                    return self.decoder.read(buf);
                }
                if !self.decoder.is_finished() {
                    self.decoder
                        .decode_blocks(&mut self.source, BlockDecodingStrategy::UptoBlocks(1))
                        .map_err(|e| self.invalid(e))?;
                    continue;
                }
                self.in_frame = false;
            }
            if self.source.fill_buf()?.is_empty() {
                return Ok(0);
            }
            let at = self.source.consumed;
            match self.decoder.reset(&mut self.source) {
                Ok(()) => {
                    self.in_frame = true;
                    self.frames += 1;
                }
                Err(FrameDecoderError::ReadFrameHeaderError(
                    ReadFrameHeaderError::BadMagicNumber(_),
                )) if self.frames > 0 => return Err(TrailingJunk::error("zstd", at)),
                Err(FrameDecoderError::ReadFrameHeaderError(ReadFrameHeaderError::SkipFrame {
                    length,
                    ..
                })) => {
                    let skipped = io::copy(
                        &mut (&mut self.source).take(u64::from(length)),
                        &mut io::sink(),
                    )?;
                    if skipped < u64::from(length) {
                        return Err(io::Error::new(
                            io::ErrorKind::UnexpectedEof,
                            "zstd: the data ends inside a skippable frame",
                        ));
                    }
                }
                Err(e) => return Err(self.invalid(e)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruzstd::encoding::{CompressionLevel, compress_to_vec};

    #[test]
    fn several_frames_and_a_skippable_one_decode_in_order() {
        let mut data = compress_to_vec(&b"first line\n"[..], CompressionLevel::Fastest);
        // A skippable frame: magic 0x184D2A50, a length, then that many bytes.
        data.extend_from_slice(&0x184D_2A50u32.to_le_bytes());
        data.extend_from_slice(&3u32.to_le_bytes());
        data.extend_from_slice(b"xyz");
        data.extend(compress_to_vec(
            &b"second line\n"[..],
            CompressionLevel::Fastest,
        ));
        let mut out = String::new();
        Frames::new(&data[..]).read_to_string(&mut out).unwrap();
        assert_eq!(out, "first line\nsecond line\n");
    }

    #[test]
    fn corrupt_data_is_an_error_not_a_panic() {
        let mut data = compress_to_vec(&b"a line\n"[..], CompressionLevel::Fastest);
        let n = data.len();
        data.truncate(n - 3);
        let mut out = Vec::new();
        assert!(Frames::new(&data[..]).read_to_end(&mut out).is_err());
        let mut out = Vec::new();
        assert!(
            Frames::new(&[0x28, 0xb5, 0x2f, 0xfd, 0xff][..])
                .read_to_end(&mut out)
                .is_err()
        );
    }
}
