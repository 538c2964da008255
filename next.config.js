/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The custom server (server/main.ts) hosts Next; the browser never imports server/.
  poweredByHeader: false,
};

export default nextConfig;
