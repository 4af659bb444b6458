using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jiuzhu.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ResidentApplications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "SubmittedByUserId",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdNumberCipher",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdNumberIndex",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneCipher",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneIndex",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_SubmittedByUserId",
                table: "cases",
                column: "SubmittedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_IdNumberIndex",
                table: "AspNetUsers",
                column: "IdNumberIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_PhoneIndex",
                table: "AspNetUsers",
                column: "PhoneIndex",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_SubmittedByUserId",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_IdNumberIndex",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_PhoneIndex",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "SubmittedByUserId",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "IdNumberCipher",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "IdNumberIndex",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "PhoneCipher",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "PhoneIndex",
                table: "AspNetUsers");
        }
    }
}
