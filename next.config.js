/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The custom server (server/main.ts) hosts Next; the browser never imports server/.
  poweredByHeader: false,
  // Browser tests build into their own folder, so they never replace the build a running dashboard serves.
  distDir: process.env.OVSLAB_NEXT_DIST_DIR || ".next",
  // `npm run lint` typechecks the whole project (tsc) and `npm test` runs it first; the build need not
  // repeat it, nor fail on a test file's types when the pages themselves are fine.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
