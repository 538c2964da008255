"""The relay's scheduling, without sockets: which frames are lost, when the others leave."""
import random
import unittest

from link_relay import Direction


class DirectionTest(unittest.TestCase):
    def test_no_impairment_sends_at_once(self):
        d = Direction()
        self.assertEqual(d.schedule(10.0, 1500), 10.0)

    def test_delay_is_added(self):
        d = Direction(delay_ms=100)
        self.assertAlmostEqual(d.schedule(1.0, 100), 1.1)

    def test_jitter_stays_in_its_range_and_keeps_order(self):
        d = Direction(delay_ms=50, jitter_ms=20, rng=random.Random(7))
        leaves = [d.schedule(i * 0.001, 100) for i in range(1000)]
        self.assertEqual(leaves, sorted(leaves))
        delays = [leave - i * 0.001 for i, leave in enumerate(leaves)]
        self.assertTrue(all(0.03 - 1e-9 <= x for x in delays))
        self.assertGreater(max(delays) - min(delays), 0.01)

    def test_loss_drops_about_its_share(self):
        d = Direction(loss_percent=20, rng=random.Random(1))
        sent = [d.schedule(0, 100) for _ in range(10000)]
        lost = sent.count(None)
        self.assertTrue(1800 < lost < 2200, lost)
        self.assertEqual(d.lost, lost)

    def test_rate_spaces_frames_after_the_burst(self):
        d = Direction(rate_kbit=1000)  # 125,000 bytes/s: a 1250-byte frame costs 10 ms
        leaves = [d.schedule(0.0, 1250) for _ in range(10)]
        self.assertEqual(leaves[0], 0.0)
        gaps = [b - a for a, b in zip(leaves[3:], leaves[4:])]
        for gap in gaps:
            self.assertAlmostEqual(gap, 0.01)

    def test_rate_holds_over_time(self):
        d = Direction(rate_kbit=1000, max_backlog_s=20)
        last = 0.0
        for _ in range(1000):  # 1,500,000 bytes offered at once: 12 s at 1 Mbit/s
            leave = d.schedule(0.0, 1500)
            if leave is not None:
                last = leave
        self.assertEqual(d.overflow, 0)
        self.assertLessEqual(last, 12.0)
        self.assertGreater(last, 11.95)

    def test_rate_drops_what_would_wait_too_long(self):
        d = Direction(rate_kbit=1000, max_backlog_s=0.5)
        sent = [d.schedule(0.0, 1250) for _ in range(100)]
        # 10 ms a frame, a bucket of two and a bit frames: the 53rd would leave after 0.5 s.
        self.assertEqual(sum(1 for x in sent if x is not None), 52)
        self.assertEqual(d.overflow, 48)

    def test_idle_bucket_refills(self):
        d = Direction(rate_kbit=1000)
        for _ in range(20):
            d.schedule(0.0, 1250)
        self.assertEqual(d.schedule(5.0, 1250), 5.0)


if __name__ == "__main__":
    unittest.main()
