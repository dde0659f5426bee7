#!/bin/sh
# Regenerates the RTP captures in src/main/resources/io/argus/testkit/rtp from the sample media (the videos are
# argus-sim-samples'). Run from argus-testkit/. Each sender runs in real time (-re / sync=true) so loopback UDP drops nothing;
# check the receiver's packet count against the sender and the sequence numbers for gaps.
set -e
M=../argus-sim-samples/src/main/resources/io/argus/sim/samples
A=src/main/resources/io/argus/testkit/media
R=src/main/resources/io/argus/testkit/rtp
CAP="python3 tools/rtp_capture.py"
FF="ffmpeg -hide_banner -loglevel error -re"

$CAP 15000 $R/h264-1080p25.ffmpeg.rtp & sleep 0.5
$FF -f h264 -framerate 25 -i $M/h264-1080p25.h264 -c copy -f rtp -payload_type 96 -ssrc 0x11223344 rtp://127.0.0.1:15000
wait
$CAP 15002 $R/h264-360p25.ffmpeg-mtu600.rtp & sleep 0.5
$FF -f h264 -framerate 25 -i $M/h264-360p25.h264 -c copy -f rtp -payload_type 97 -pkt_size 600 "rtp://127.0.0.1:15002"
wait
$CAP 15004 $R/h264-360p25.gst-stapa.rtp & sleep 0.5
# GStreamer's parsers do not timestamp a raw elementary stream: remux to Matroska first (no re-encode)
ffmpeg -hide_banner -loglevel error -y -f h264 -framerate 25 -i $M/h264-360p25.h264 -c copy /tmp/argus-h264-360p25.mkv
gst-launch-1.0 -q filesrc location=/tmp/argus-h264-360p25.mkv ! matroskademux ! h264parse ! rtph264pay pt=96 config-interval=0 aggregate-mode=zero-latency mtu=1400 \
  ! udpsink host=127.0.0.1 port=15004 sync=true
wait
$CAP 15006 $R/h265-1080p25.ffmpeg.rtp & sleep 0.5
$FF -f hevc -framerate 25 -i $M/h265-1080p25.h265 -c copy -f rtp -payload_type 96 rtp://127.0.0.1:15006
wait
$CAP 15008 $R/h265-360p25.gst-ap.rtp & sleep 0.5
ffmpeg -hide_banner -loglevel error -y -f hevc -framerate 25 -i $M/h265-360p25.h265 -c copy /tmp/argus-h265-360p25.mkv
gst-launch-1.0 -q filesrc location=/tmp/argus-h265-360p25.mkv ! matroskademux ! h265parse ! rtph265pay pt=96 config-interval=0 aggregate-mode=zero-latency mtu=1400 \
  ! udpsink host=127.0.0.1 port=15008 sync=true
wait
$CAP 15010 $R/aac-48k.ffmpeg.rtp & sleep 0.5
# the RTP muxer needs the AudioSpecificConfig up front, which ADTS input lacks: remux to MP4 first (no re-encode)
ffmpeg -hide_banner -loglevel error -y -i $A/aac-48k.aac -c copy /tmp/argus-aac-48k.m4a
$FF -i /tmp/argus-aac-48k.m4a -c copy -f rtp -payload_type 97 rtp://127.0.0.1:15010
wait
$CAP 15012 $R/aac-48k.ffmpeg-mtu100.rtp & sleep 0.5
$FF -i /tmp/argus-aac-48k.m4a -c copy -f rtp -payload_type 97 -pkt_size 100 rtp://127.0.0.1:15012
wait
