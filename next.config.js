/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The custom server (server/main.ts) hosts Next; the browser never imports server/.
  poweredByHeader: false,
  // Browser tests build into their own folder, so they never replace the build a running dashboard serves.
  distDir: process.env.OVSLAB_NEXT_DIST_DIR || ".next",
};

export default nextConfig;
